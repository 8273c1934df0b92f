"""News vocabulary by subject, so topic tagging in the benchmark does real work."""

from __future__ import annotations

# subject -> (tag label for the plain Pelican copy, words and phrases of that beat)
SUBJECTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "privacy": ("Privacy", (
        "data protection", "personal data", "consent", "privacy policy", "data breach",
        "GDPR", "tracking cookies", "data broker", "right to be forgotten", "anonymised records")),
    "cybersecurity": ("Cybersecurity", (
        "ransomware", "phishing", "malware", "zero-day", "hackers", "vulnerability",
        "patch", "botnet", "encryption", "cyberattack")),
    "surveillance": ("Surveillance", (
        "facial recognition", "surveillance cameras", "spyware", "wiretap", "Pegasus",
        "mass surveillance", "intercepted calls", "monitoring", "CCTV network", "biometric")),
    "government": ("Government & Policy", (
        "ministry", "parliament", "bill", "regulation", "policy", "cabinet", "minister",
        "lawmakers", "legislation", "government")),
    "courts": ("Courts & Law", (
        "Supreme Court", "High Court", "judge", "verdict", "petition", "bench", "hearing",
        "lawsuit", "appeal", "ruling")),
    "technology": ("Technology", (
        "artificial intelligence", "smartphone", "software", "chip", "cloud computing",
        "algorithm", "startup", "app", "platform", "semiconductor")),
    "business": ("Business", (
        "shares", "investors", "quarterly results", "revenue", "merger", "market",
        "profit", "stock exchange", "acquisition", "inflation")),
    "social_media": ("Social Media", (
        "Twitter", "Facebook", "Instagram", "WhatsApp", "YouTube", "influencers",
        "content moderation", "viral post", "hashtag", "followers")),
    "human_rights": ("Human Rights", (
        "human rights", "activists", "freedom of expression", "detention", "protesters",
        "civil liberties", "internet shutdown", "press freedom", "dissent", "minorities")),
    "misinformation": ("Misinformation", (
        "fake news", "misinformation", "disinformation", "fact-check", "hoax", "deepfake",
        "rumours", "propaganda", "misleading claims", "doctored video")),
    "elections": ("Elections", (
        "election", "voters", "polling booth", "campaign", "ballot", "Election Commission",
        "candidates", "turnout", "electoral rolls", "manifesto")),
    "health": ("Health", (
        "hospital", "vaccine", "patients", "pandemic", "doctors", "health ministry",
        "outbreak", "clinical trial", "public health", "infections")),
    "climate": ("Climate", (
        "climate change", "emissions", "heatwave", "floods", "renewable energy",
        "carbon", "drought", "monsoon", "air pollution", "net zero")),
    "science": ("Science", (
        "scientists", "research", "study", "telescope", "satellite", "ISRO", "genome",
        "physics", "laboratory", "peer-reviewed")),
    "sports": ("Sports", (
        "cricket", "football", "match", "tournament", "Olympics", "captain", "coach",
        "World Cup", "semi-final", "league")),
}

FILLER = (
    "the", "said", "on", "in", "a", "statement", "officials", "according", "to", "reports",
    "this", "week", "which", "also", "and", "that", "new", "people", "after", "more",
    "than", "year", "told", "reporters", "while", "would", "its", "last", "month", "over",
    "plans", "local", "national", "about", "could", "are", "was", "were", "by", "for",
)

AGENCIES = ("PTI", "AP", "Reuters", "AFP", "IANS", "ANI", "Bloomberg", "DPA")

FIRST_NAMES = (
    "Aarti", "Rahul", "Priya", "Vikram", "Sneha", "Arjun", "Meera", "Karan", "Ananya",
    "Rohan", "Sarah", "James", "Maria", "David", "Fatima", "Chen", "Olga", "Kwame",
    "Lucia", "Tomas", "Aisha", "Hiroshi", "Elena", "Samuel", "Nadia", "Omar",
)
LAST_NAMES = (
    "Sharma", "Iyer", "Khan", "Menon", "Das", "Gupta", "Reddy", "Singh", "Nair", "Bose",
    "Smith", "Garcia", "Mueller", "Okafor", "Li", "Ivanova", "Rossi", "Tanaka", "Haddad",
    "Novak", "Johnson", "Pereira", "Kowalski", "Ali", "Fernandes", "Mukherjee",
)

PUBLISHER_WORDS = (
    "Times", "Herald", "Chronicle", "Post", "Tribune", "Express", "Gazette", "Observer",
    "Standard", "Mirror", "Telegraph", "Journal", "Daily", "Wire", "Monitor", "Review",
)
PLACES = (
    "Mumbai", "Delhi", "Chennai", "Kolkata", "Bengaluru", "Pune", "Deccan", "Coastal",
    "Northern", "Eastern", "Western", "Southern", "Metro", "National", "Global", "City",
    "Valley", "Hill", "River", "Harbour",
)
