"""Settings for building the digest locally (``make html``).

``publishconf.py`` imports everything here and sets the public URL. Every
``DIGEST_*`` setting and its default is listed in README.md.
"""

SITENAME = "The News Digest"
SITE_DESCRIPTION = "A curated digest of news stories, each credited to its publisher."
AUTHOR = "The News Digest"
SITEURL = ""  # relative links for browsing output/ locally
# The public address: feeds always carry absolute links to it (publishconf.py uses it
# as SITEURL unless the SITEURL environment variable overrides it).
DIGEST_SITE_URL = "https://news-digest.example.org"
RELATIVE_URLS = True

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_CATEGORY = "News"
DEFAULT_PAGINATION = 20

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["news_digest"]
# Seed text is literal: escape everything a template prints unless marked safe.
# Templates do not change during a build: no stat() per template use.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True,
                     "auto_reload": False}

# Stories live under stories/, listings in folders of their own.
ARTICLE_URL = "stories/{slug}.html"
ARTICLE_SAVE_AS = "stories/{slug}.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
TAG_URL = "topics/{slug}/"
TAG_SAVE_AS = "topics/{slug}/index.html"
TAGS_SAVE_AS = "topics/index.html"
# No page per byline: a story's credit names its people and agencies, and its
# publisher's page lists the publisher's stories. Set these to have author pages.
AUTHOR_URL = "authors/{slug}/"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = "archives/index.html"
# A digest has no categories: every story is news.
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
# The home page (the digest, in editions) is written by the plugin, not "index".
DIRECT_TEMPLATES = ["tags", "archives", "search"]
# The search page (Pagefind; the index is written by `make html`, see DIGEST_SEARCH).
SEARCH_SAVE_AS = "search/index.html"
# Lists split into pages of DEFAULT_PAGINATION stories; "source" is a publisher's page.
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "author": None,
                       "source": None}

# Stories are never translations of each other: two with the same headline are
# two stories (the plugin makes their slugs unique), and grouping costs time.
ARTICLE_TRANSLATION_ID = None

# Pelican's content cache, in .cache/ (`make clean` removes it). `make html`
# keys a subfolder by the plugin's code and settings (news_digest/cachekey.py),
# so a changed plugin or setting never reuses a stale cache. Not gzipped:
# re-compressing the whole cache on every build costs more than it saves.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
GZIP_CACHE = False
CACHE_PATH = ".cache"

# Pelican's own feeds are off (every one of its feed settings): the plugin writes
# richer ones with feedgen (DIGEST_FEED_* settings, see README.md).
FEED_ATOM = None
FEED_RSS = None
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

# The digest's own settings (defaults in plugins/news_digest/settings.py).
DIGEST_STRICT = True
DIGEST_EDITION = "day"  # or "week": one edition per ISO week

# Topics: the curated taxonomy every story is tagged from (README.md, "Topics").
# Per topic:
#   "phrases":  words or phrases that point to the topic on their own;
#   "keywords": ambiguous words that count only when one of the topic's phrases
#               is in the same story ("court" counts for Law & Courts only beside
#               "lawsuit", "judge", ...);
#   "negative": context phrases whose words then do not count for the topic, and
#               which lower its score ("tennis court", "computer virus").
# A list gives every entry the default weight (phrases 2, keywords 1, negative 2);
# a dict sets weights. Matching is case-insensitive on whole words: list plurals
# and spellings you want ("vaccine", "vaccines"). Headline matches count 3 times.
DIGEST_TOPICS = [
    {
        "slug": "privacy",
        "label": "Privacy",
        "phrases": {
            "privacy": 3, "data protection": 3, "personal data": 3, "data privacy": 3,
            "right to privacy": 3, "privacy law": 3, "privacy laws": 3, "privacy policy": 3,
            "privacy rules": 3, "gdpr": 3, "general data protection regulation": 3,
            "personal information": 2, "user data": 2, "data collection": 2,
            "data sharing": 2, "location data": 3, "biometric data": 3, "health data": 2,
            "tracking cookies": 3, "end-to-end encryption": 2, "end-to-end encrypted": 2,
            "information commissioner": 3, "data protection authority": 3,
            "data protection bill": 3, "privacy regulator": 3, "privacy watchdog": 3,
            "doxxing": 2, "data breach": 1, "facial recognition": 1, "biometric": 2,
            "digital rights": 2, "medical records": 2, "personal details": 2, "stolen data": 2,
            "steal data": 2, "data theft": 2, "data leak": 2,
        },
        "keywords": ["consent", "cookies", "tracking", "encryption", "encrypted", "anonymity",
                     "leaked", "exposed", "records", "personal"],
        "negative": ["asked for privacy", "ask for privacy", "asks for privacy",
                     "asking for privacy", "respect their privacy", "respect his privacy",
                     "respect her privacy", "respect the privacy", "family's privacy",
                     "privacy at this time", "privacy at this difficult time",
                     "privacy during this", "requested privacy", "request privacy",
                     "privacy of the family", "privacy of his family", "privacy of her family",
                     "privacy screen", "privacy hedge"],
    },
    {
        "slug": "cybersecurity",
        "label": "Cybersecurity",
        "phrases": {
            "cybersecurity": 3, "cyber security": 3, "cyberattack": 3, "cyberattacks": 3,
            "cyber attack": 3, "cyber attacks": 3, "cyber attackers": 3, "cyber-attackers": 3,
            "cybercriminals": 3, "cybercrime": 3, "unauthorised access": 3,
            "unauthorized access": 3, "data theft": 3, "stolen data": 2, "hackers": 3,
            "hacker": 3, "hacked": 2, "hacking": 2, "hack": 2, "hacks": 2,
            "multi-factor authentication": 2, "hack into": 2, "ransomware": 3, "malware": 3,
            "phishing": 3,
            "spyware": 2, "data breach": 3, "security breach": 3, "security flaw": 3,
            "security vulnerability": 3, "zero-day": 3, "ddos": 3, "denial of service": 3,
            "botnet": 3, "malicious software": 3, "malicious code": 3, "computer virus": 3,
            "antivirus": 2, "security researchers": 2, "security patch": 3, "infostealer": 3,
            "two-factor authentication": 2, "passwords": 2, "password": 1.5,
            "exploited a vulnerability": 3, "cert-in": 3, "cisa": 3,
            "national cyber security centre": 3, "encryption keys": 2, "credential": 1.5,
            "credentials": 1.5, "cyber": 1.5,
        },
        "keywords": ["virus", "viruses", "bug", "bugs", "worm", "breach", "attack", "attacks",
                     "attackers", "vulnerability", "vulnerabilities", "exploit", "exploited",
                     "patch", "patched", "security", "encryption", "infected", "infect",
                     "trojan", "compromised", "leak", "stolen", "servers", "software", "attacker",
                     "login"],
        "negative": ["life hack", "life hacks", "hacking cough", "growth hacking",
                     "virus outbreak", "heart attack", "not the result of a cyberattack",
                     "not a cyberattack", "ruled out a cyberattack", "no sign of a cyberattack",
                     "no evidence of a cyberattack", "not caused by a cyberattack", "panic attack",
                     "terror attack", "terrorist attack", "password sharing", "account sharing"],
    },
    {
        "slug": "surveillance",
        "label": "Surveillance",
        "phrases": {
            "surveillance": 3, "mass surveillance": 3, "spyware": 3, "pegasus": 2,
            "nso group": 3, "facial recognition": 3, "wiretap": 3, "wiretaps": 3,
            "wiretapping": 3, "phone tapping": 3, "snooping": 3, "snoop": 2, "spy on": 3,
            "spied on": 3, "spied upon": 3, "spying": 2.5, "stalkerware": 3, "cctv": 2,
            "intelligence agencies": 2, "intelligence agency": 2, "nsa": 2, "gchq": 2,
            "bulk collection": 3, "location tracking": 3, "lawful interception": 3,
            "interception": 2, "predictive policing": 3, "traceability": 2,
            "tracing of the originator": 2, "monitored": 1, "spy agency": 3, "biometric": 2,
            "face scanning": 3, "face scans": 3, "face recognition": 3, "scan faces": 3,
            "faces scanned": 3, "watchlist": 2,
            "spy agencies": 3, "mass data collection": 3,
        },
        "keywords": ["spy", "spies", "monitoring", "tracking", "cameras", "intelligence",
                     "intercept", "intercepted", "traced", "tracing", "tracked", "drones",
                     "targeted", "eavesdropping"],
        "negative": ["spy thriller", "spy film", "spy movie", "spy novel",
                     "disease surveillance", "surveillance testing", "genomic surveillance",
                     "epidemiological surveillance", "intelligence quotient",
                     "artificial intelligence", "business intelligence"],
    },
    {
        "slug": "government-policy",
        "label": "Government & Policy",
        "phrases": {
            "government": 1, "ministry": 2, "minister": 2, "ministers": 2, "cabinet": 2,
            "parliament": 2, "parliamentary": 2, "legislation": 2, "lawmakers": 2,
            "legislators": 2, "senate": 2, "senators": 2, "congress": 1.5, "white house": 2,
            "prime minister": 2, "federal government": 2, "central government": 2,
            "state government": 2, "union government": 2, "executive order": 3,
            "public policy": 3, "policymakers": 2, "policy makers": 2, "regulation": 2,
            "regulations": 2, "draft rules": 3,
            "new rules": 2, "bill": 1.5, "ordinance": 2, "european commission": 2,
            "home ministry": 3, "government officials": 2, "government policy": 3,
            "policy": 1.5, "subsidy": 2, "subsidies": 2, "budget": 1.5, "mps": 2,
        },
        "keywords": ["officials", "rules", "law", "laws", "federal", "ban", "regulate",
                     "regulator", "regulators", "mandate", "authorities", "state", "department",
                     "agency", "reform",
                     "proposal", "tax"],
        "negative": ["bill gates", "energy bill", "electricity bill", "phone bill",
                     "medical bill", "medical bills", "hospital bill", "team policy",
                     "privacy policy", "company policy", "state of the art", "budget airline",
                     "budget airlines", "budget carrier", "budget hotel", "budget hotels",
                     "low-budget", "big-budget",
                     "state of mind", "state-of-the-art", "cabinet maker"],
    },
    {
        "slug": "law-courts",
        "label": "Law & Courts",
        "phrases": {
            "supreme court": 3, "high court": 3, "federal court": 3, "district court": 3,
            "appeals court": 3, "court of appeals": 3, "court of appeal": 3,
            "lawsuit": 3, "lawsuits": 3, "sued": 2.5, "suing": 2.5, "sues": 2.5,
            "verdict": 3, "plaintiff": 3, "plaintiffs": 3, "defendant": 3, "defendants": 3,
            "prosecutors": 3, "prosecutor": 3, "prosecution": 2, "indictment": 3,
            "indicted": 3, "convicted": 3, "acquitted": 3, "sentenced": 3, "bail": 2,
            "attorney": 2, "attorneys": 2, "lawyer": 2, "lawyers": 2, "litigation": 3,
            "class action": 3, "injunction": 3, "jury": 2.5, "judge": 2, "judges": 1.5,
            "chief justice": 3, "court ruling": 3, "ruled that": 2, "legal challenge": 3,
            "filed a complaint": 2, "court order": 3, "contempt of court": 3,
            "in court": 2, "trial court": 3, "hearing": 1, "criminal case": 3,
            "charged with": 2, "pleaded guilty": 3, "pleaded not guilty": 3,
        },
        "keywords": ["court", "courts", "trial", "ruling", "appeal", "petition", "legal",
                     "justice", "settlement", "case", "charges", "filed", "counsel",
                     "judicial", "law"],
        "negative": ["tennis court", "basketball court", "food court", "centre court",
                     "center court", "court of public opinion", "hard court", "clay court",
                     "grass court", "on court", "off the court", "on the court",
                     "clinical trial", "clinical trials", "trial run", "free trial",
                     "ruling party", "ruling coalition", "judges' scores", "panel of judges",
                     "court the voters", "court voters"],
    },
    {
        "slug": "technology",
        "label": "Technology",
        "phrases": {
            "technology": 1, "artificial intelligence": 3, "ai": 2, "machine learning": 3,
            "generative ai": 3, "chatbot": 3, "chatbots": 3, "chatgpt": 3, "openai": 3,
            "software": 2, "smartphone": 2.5, "smartphones": 2.5, "iphone": 2.5,
            "android": 2.5, "semiconductor": 3, "semiconductors": 3, "chipmaker": 3,
            "microchips": 3, "cloud computing": 3, "data centre": 3, "data center": 3,
            "data centres": 3, "data centers": 3, "5g": 2.5, "broadband": 2,
            "tech giant": 2.5, "tech giants": 2.5, "tech companies": 2.5, "big tech": 2.5,
            "silicon valley": 2.5, "robot": 2, "robots": 2, "robotics": 2.5,
            "algorithm": 2, "algorithms": 2, "operating system": 3, "computer": 1.5,
            "computers": 1.5, "laptop": 2, "laptops": 2, "processor": 2, "gadget": 2,
            "gadgets": 2, "internet": 1.5, "app store": 3, "software update": 3,
            "video calling": 2, "cloud storage": 3, "outage": 1.5, "global outage": 3,
            "technical error": 2, "technical glitch": 2, "cloud services": 3, "tech": 1.5,
            "google": 1.5, "microsoft": 1.5, "apple": 1, "nvidia": 2, "quantum computing": 2,
        },
        "keywords": ["app", "apps", "cloud", "device", "devices", "chips", "chip", "digital",
                     "online", "update", "platform", "users", "mobile", "phones", "data",
                     "startup", "engineers", "code"],
        "negative": ["potato chips", "blue chips", "blue-chip", "chip in", "chipped in",
                     "apple pie", "apple orchard", "apples", "power outage", "power outages",
                     "power cut", "power cuts", "storm clouds", "cloud cover",
                     "cloud of", "clouds"],
    },
    {
        "slug": "business",
        "label": "Business & Economy",
        "phrases": {
            "stock market": 3, "stocks": 2, "shares": 1.5, "shareholders": 2.5,
            "investors": 2, "revenue": 2, "revenues": 2, "profit": 2, "profits": 2,
            "quarterly": 2, "earnings": 2, "market share": 2.5, "acquisition": 2,
            "merger": 2.5, "ipo": 3, "valuation": 2, "economy": 2, "economic": 1.5,
            "gdp": 3, "inflation": 2.5, "interest rates": 3, "central bank": 3,
            "federal reserve": 3, "reserve bank": 3, "recession": 3, "unemployment": 2,
            "jobs report": 3, "trade deal": 2.5, "tariffs": 2.5, "tariff": 2.5, "exports": 2,
            "imports": 2, "chief executive": 1.5, "ceo": 1.5, "funding round": 3,
            "venture capital": 3, "investment": 1.5, "investments": 1.5, "bankruptcy": 3,
            "layoffs": 2.5, "consumer spending": 3, "oil prices": 2.5, "sensex": 3,
            "nifty": 3, "dow jones": 3, "nasdaq": 3, "wall street": 2.5, "fintech": 2.5,
            "startup": 1.5, "startups": 1.5, "sales": 1, "retailer": 2, "retailers": 2,
            "fiscal": 2, "analysts": 1, "economists": 2, "economist": 2, "market value": 2.5,
            "billion dollars": 1, "business": 1, "supply chain": 2, "supply chains": 2,
            "manufacturing": 1.5, "competition commission": 2, "antitrust": 2,
            "cryptocurrency": 2, "crypto": 1.5, "lender": 2, "lenders": 2, "banking": 2,
            "trading": 1.5, "billions of dollars": 1.5, "businesses": 1, "high street": 1.5,
            "stock exchange": 3, "share price": 3, "commodity prices": 2.5, "exporters": 2,
        },
        "keywords": ["company", "companies", "market", "markets", "deal", "bank", "banks",
                     "prices", "price", "firm", "firms", "billion", "million", "customers",
                     "industry", "trade", "growth", "fund", "funds", "brand", "jobs",
                     "quarter", "subscribers"],
        "negative": ["food bank", "blood bank", "river bank", "west bank", "shares a photo",
                     "shared a photo", "shares his", "shares her", "political economy",
                     "none of your business", "business as usual"],
    },
    {
        "slug": "social-media",
        "label": "Social Media & Messaging",
        "phrases": {
            "social media": 3, "social network": 3, "social networks": 3,
            "social networking": 3, "facebook": 2.5, "instagram": 3, "twitter": 3,
            "tiktok": 3, "whatsapp": 3, "youtube": 2.5, "snapchat": 3, "linkedin": 2.5,
            "reddit": 2.5, "messaging app": 3, "messaging apps": 3, "messaging platform": 3,
            "messaging service": 3, "messaging giant": 3, "messenger": 2, "influencer": 2.5,
            "influencers": 2.5, "hashtag": 2.5, "content moderation": 3, "tweet": 2.5,
            "tweets": 2.5, "tweeted": 2.5, "retweeted": 2.5, "followers": 1.5,
            "online platforms": 2, "social platforms": 3, "mark zuckerberg": 2.5,
            "telegram channel": 3, "telegram channels": 3, "viral video": 2,
            "user messages": 2, "messaging": 2,
        },
        "keywords": ["viral", "posts", "posted", "post", "platform", "platforms", "users",
                     "meta", "telegram", "signal", "trending", "online", "accounts", "account",
                     "messages", "message", "x"],
        # A statement made on a platform does not make a story about the platform.
        "negative": ["instagram post", "facebook post", "said on twitter", "wrote on twitter",
                     "said on x", "wrote on x", "posted on x", "said on instagram",
                     "wrote on instagram", "said on facebook", "wrote on facebook",
                     "said in a tweet", "in a post on", "in a statement on"],
    },
    {
        "slug": "human-rights",
        "label": "Human Rights",
        "phrases": {
            "human rights": 3, "civil liberties": 3, "civil rights": 3,
            "amnesty international": 3, "human rights watch": 3, "dissidents": 2.5,
            "dissident": 2.5, "political prisoners": 3, "political prisoner": 3,
            "torture": 2.5, "refugees": 2, "refugee": 2, "asylum seekers": 2.5, "asylum": 2,
            "freedom of expression": 3, "freedom of speech": 3, "free speech": 3,
            "press freedom": 3, "discrimination": 2, "persecution": 3, "genocide": 3,
            "ethnic cleansing": 3, "arbitrary detention": 3, "minority rights": 3,
            "lgbtq": 2.5, "lgbt": 2.5, "women's rights": 3, "child labour": 3,
            "child labor": 3, "forced labour": 3, "forced labor": 3, "censorship": 2,
            "internet shutdown": 3, "internet shutdowns": 3, "death penalty": 2.5,
            "extrajudicial": 3, "rights groups": 2.5, "rights group": 2.5,
            "rights activists": 2.5, "civil society": 1.5, "crackdown on dissent": 3,
            "humanitarian": 1.5, "un human rights council": 3, "activists": 1,
        },
        "keywords": ["journalists", "detained", "detention", "crackdown", "rights", "freedom",
                     "protesters", "protest", "protests", "abuses", "minorities", "dignity",
                     "victims"],
        "negative": ["rights issue", "broadcast rights", "media rights", "streaming rights",
                     "naming rights", "voting rights act"],
    },
    {
        "slug": "misinformation",
        "label": "Misinformation",
        "phrases": {
            "misinformation": 3, "disinformation": 3, "fake news": 3, "fact-check": 3,
            "fact-checked": 3, "fact-checkers": 3, "fact checkers": 3, "fact-checking": 3,
            "false claims": 2.5, "false claim": 2.5, "conspiracy theory": 3,
            "conspiracy theories": 3, "hoax": 2.5, "hoaxes": 2.5, "deepfake": 3,
            "deepfakes": 3, "propaganda": 2, "rumours": 2, "rumors": 2, "misleading": 1.5,
            "debunked": 3, "fabricated": 2, "doctored": 2.5, "manipulated video": 3,
            "troll farm": 3, "troll farms": 3, "falsely": 1.5, "unverified": 1.5,
            "fake accounts": 2.5, "influence operation": 3, "influence operations": 3,
            "false information": 3, "misleading claims": 3,
        },
        "keywords": ["bots", "viral", "false", "fake", "spread", "spreading", "claims",
                     "debunk", "labels", "trolls"],
        "negative": ["fake injury"],
    },
    {
        "slug": "elections",
        "label": "Elections",
        "phrases": {
            "election": 3, "elections": 3, "electoral": 2.5, "voters": 2.5, "voting": 2,
            "ballot": 3, "ballots": 3, "polling station": 3, "polling stations": 3,
            "polling booth": 3, "opinion poll": 3, "opinion polls": 3, "exit poll": 3,
            "exit polls": 3, "campaign trail": 3, "presidential race": 3,
            "presidential candidate": 3, "election commission": 3, "electoral college": 3,
            "midterms": 3, "primaries": 2.5, "incumbent": 2, "constituency": 2.5,
            "constituencies": 2.5, "manifesto": 2, "referendum": 3, "swing state": 3,
            "swing states": 3, "recount": 3, "polls close": 3, "votes cast": 3,
            "voter turnout": 3, "electronic voting machines": 3, "running mate": 3,
            "senate race": 3, "mayoral race": 3, "governor's race": 3, "re-election": 3,
            "reelection": 3, "electorate": 3,
        },
        "keywords": ["vote", "votes", "polls", "poll", "turnout", "candidate", "candidates",
                     "campaign", "campaigning", "race", "seats", "majority", "primary",
                     "rally", "debate", "party", "parties", "opposition", "win", "won"],
        "negative": ["marketing campaign", "advertising campaign", "ad campaign",
                     "vaccination campaign", "phishing campaign", "hacking campaign",
                     "malware campaign", "bombing campaign", "military campaign",
                     "awareness campaign", "campaign against", "arms race", "space race",
                     "human race", "race car", "race track", "rat race", "primary school",
                     "primary care", "title race", "relegation race", "race relations",
                     "champions league campaign", "season campaign", "debate over"],
    },
    {
        "slug": "health",
        "label": "Health",
        "phrases": {
            "public health": 3, "hospital": 2, "hospitals": 2, "patients": 2, "patient": 1.5,
            "disease": 2, "diseases": 2, "vaccine": 3, "vaccines": 3, "vaccination": 3,
            "vaccinated": 3, "pandemic": 3, "epidemic": 3, "covid": 3, "coronavirus": 3,
            "infection": 2, "infections": 2, "cancer": 2.5, "diabetes": 3, "doctors": 2,
            "doctor": 1.5, "nurses": 2, "medical": 1.5, "medicine": 2, "medicines": 2,
            "clinical trial": 3, "clinical trials": 3, "world health organization": 3,
            "mental health": 3, "obesity": 3, "malaria": 3, "tuberculosis": 3, "dengue": 3,
            "symptoms": 2, "healthcare": 2.5, "health care": 2.5, "nhs": 2.5, "cdc": 2.5,
            "fda": 2, "pharmaceutical": 2, "flu": 2.5, "influenza": 3, "measles": 3,
            "surgery": 2, "surgeons": 2, "hiv": 3, "health ministry": 3,
            "health officials": 3, "health authorities": 3, "heart disease": 3,
            "life expectancy": 2.5, "mortality": 2, "disease surveillance": 3,
            "genomic surveillance": 3, "health": 1, "drug resistance": 3, "antibiotics": 3,
            "food safety": 2.5, "food poisoning": 3, "listeria": 3, "salmonella": 3,
            "immune system": 2, "immune systems": 2, "norovirus": 3,
            "asthma": 3, "respiratory": 2, "breathing problems": 2, "heart conditions": 2,
            "heatstroke": 2.5,
        },
        "keywords": ["virus", "viruses", "outbreak", "infected", "drug", "drugs", "treatment",
                     "clinic", "clinics", "deaths", "cases", "strain", "variant", "bug",
                     "illness", "sick", "care"],
        "negative": ["computer virus", "computer viruses", "virus scanner", "antivirus",
                     "financial health", "economic health", "health of the economy",
                     "healthy economy", "health check", "drug trafficking", "drug cartel",
                     "drug dealers", "drug smuggling", "injury", "injured", "hamstring",
                     "health bar"],
    },
    {
        "slug": "climate",
        "label": "Climate & Environment",
        "phrases": {
            "climate change": 3, "climate": 2, "global warming": 3, "carbon emissions": 3,
            "emissions": 2, "greenhouse gas": 3, "greenhouse gases": 3, "carbon dioxide": 2.5,
            "fossil fuels": 2.5, "fossil fuel": 2.5, "renewable energy": 3, "renewables": 3,
            "solar power": 3, "wind power": 3, "solar panels": 3, "wind farm": 3,
            "wind farms": 3, "coal": 1.5, "deforestation": 3, "biodiversity": 3,
            "pollution": 2.5, "air quality": 3, "air pollution": 3, "environmental": 1.5,
            "wildfire": 2.5, "wildfires": 2.5, "heatwave": 2.5, "heat wave": 2.5,
            "drought": 2.5, "droughts": 2.5, "flooding": 1.5, "floods": 1.5, "cyclone": 2,
            "hurricane": 2, "typhoon": 2, "sea level": 3, "sea levels": 3, "glaciers": 3,
            "net zero": 3, "net-zero": 3, "paris agreement": 3, "cop26": 3, "cop27": 3,
            "cop28": 3, "cop29": 3, "climate summit": 3, "conservation": 2,
            "endangered species": 3, "wildlife": 2, "plastic waste": 3, "recycling": 2,
            "electric vehicles": 1.5, "extreme weather": 3, "carbon": 1.5,
            "environmentalists": 3, "ecosystem": 2, "ecosystems": 2,
        },
        "keywords": ["weather", "storm", "storms", "rainfall", "monsoon", "temperatures",
                     "environment", "energy", "forest", "forests", "species", "green", "ocean",
                     "oceans", "warming", "heat"],
        "negative": ["political climate", "business climate", "investment climate",
                     "economic climate", "climate of fear", "current climate",
                     "regulatory climate", "business environment", "work environment",
                     "working environment", "security environment", "carbon copy",
                     "development environment", "storm of criticism", "media storm",
                     "twitter storm", "firestorm", "cloud computing"],
    },
    {
        "slug": "science",
        "label": "Science",
        "phrases": {
            "scientists": 2, "scientist": 2, "scientific": 1.5, "researchers": 1.5,
            "published in the journal": 3, "peer-reviewed": 3, "journal nature": 3,
            "journal science": 3, "nasa": 3, "space agency": 3, "isro": 3, "telescope": 3,
            "astronomers": 3, "astronomy": 3, "physicists": 3, "physics": 2.5, "biologists": 3,
            "biology": 2, "chemistry": 2, "chemists": 3, "genome": 2.5, "dna": 2, "genetic": 2,
            "genes": 2, "fossil": 2.5, "fossils": 2.5, "dinosaur": 3, "dinosaurs": 3,
            "mars": 2, "lunar": 2.5, "spacecraft": 3, "orbit": 2, "rocket": 1.5,
            "satellite": 1.5, "satellites": 1.5, "experiment": 2, "experiments": 2,
            "laboratory": 2, "quantum": 2, "evolution": 2, "archaeologists": 3,
            "archaeological": 3, "galaxy": 3, "galaxies": 3, "black hole": 3, "planet": 2,
            "planets": 2, "asteroid": 3, "comet": 3, "cern": 3, "particle": 2,
            "neuroscience": 3, "neuroscientists": 3, "species": 1.5, "the study": 1.5,
            "study published": 2.5, "university researchers": 2.5,
        },
        "keywords": ["study", "research", "discovery", "discovered", "lab", "moon", "space",
                     "university", "data", "findings", "mission", "launch", "journal",
                     "analysis", "samples"],
        "negative": ["fossil fuel", "fossil fuels", "rocket attack", "rocket attacks",
                     "rocket fire", "rockets fired", "launch of the app", "product launch",
                     "security researchers", "market research", "opinion research"],
    },
    {
        "slug": "sports",
        "label": "Sports",
        "phrases": {
            "cricket": 3, "football": 3, "soccer": 3, "tennis": 3, "basketball": 3,
            "baseball": 3, "hockey": 3, "rugby": 3, "golf": 2.5, "olympics": 3,
            "olympic": 2.5, "world cup": 3, "grand slam": 3, "tournament": 2,
            "championship": 2, "championships": 2, "premier league": 3, "ipl": 3, "nba": 3,
            "nfl": 3, "fifa": 3, "uefa": 3, "bcci": 3, "international cricket council": 3,
            "coach": 1.5, "striker": 2.5, "midfielder": 3, "goalkeeper": 3, "wicket": 3,
            "wickets": 3, "innings": 3, "test match": 3, "batsman": 3, "batter": 2,
            "bowler": 2.5, "quarterfinal": 3, "quarter-final": 3, "semifinal": 3,
            "semi-final": 3, "medal": 2, "medals": 2, "gold medal": 3, "athlete": 2,
            "athletes": 2, "athletics": 3, "marathon": 2.5, "formula one": 3,
            "grand prix": 3, "motogp": 3, "cyclist": 2, "cyclists": 2, "tour de france": 3,
            "wimbledon": 3, "french open": 3, "australian open": 3, "us open": 2,
            "stadium": 2, "playoffs": 3, "champions league": 3, "transfer window": 3,
            "boxing": 2.5, "chess": 2.5, "sports": 2, "sport": 2, "sporting": 1.5,
            "league": 1.5, "club": 1, "goals": 1, "scored": 1.5, "season": 1, "title race": 3,
            "head coach": 3, "teammates": 2.5, "fans": 1, "podium": 2.5, "racing": 1.5,
            "race": 1, "match": 1.5, "three-pointer": 3, "three-pointers": 3,
            "free throw": 3, "touchdown": 3, "quarterback": 3, "first half": 1.5,
            "second half": 1.5, "comeback win": 3, "home win": 3, "away win": 3,
            "extra time": 2, "penalty shootout": 3, "hat-trick": 3, "hat trick": 3,
            "home record": 2, "winning streak": 2, "overs": 3, "umpire": 2.5, "umpires": 2.5,
            "batting": 2.5, "bowling": 2, "bowlers": 2.5, "first test": 2, "second test": 2,
            "third test": 2, "fourth test": 2, "fifth test": 2, "test series": 2.5,
            "odi": 3, "t20": 3, "runs": 1,
        },
        "keywords": ["match", "matches", "team", "teams", "player", "players", "goal",
                     "final", "finals", "captain", "win", "won", "victory", "defeat",
                     "court", "sprint", "seed", "pitch", "century", "test", "crowd", "stumps",
                     "score", "set", "serve", "injury", "squad", "training", "game", "games",
                     "points", "record", "lap", "champion"],
        "negative": ["presidential race", "senate race", "mayoral race", "governor's race",
                     "race for the white house", "race relations", "race discrimination",
                     "arms race", "space race", "human race", "rat race", "league of nations",
                     "market players", "key player", "key players", "industry players",
                     "policy goals", "climate goals", "development goals", "goals for",
                     "election season", "campaign season", "tax season", "fashion season",
                     "flu season", "club of rome", "country club", "book club"],
    },
]
DIGEST_MAX_TOPICS = 5
DIGEST_FALLBACK_TOPIC = "General"
