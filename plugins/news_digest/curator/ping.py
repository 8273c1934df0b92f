"""``ping``: tell the WebSub hub that the digest's feeds changed, after a deploy.

CLI (curator stage). The feeds of a site built with ``DIGEST_WEBSUB_HUB`` name the hub
(``rel="hub"``); a hub pushes a feed to its subscribers once the publisher notifies it:
a POST of ``hub.mode=publish`` and ``hub.url=<the feed's own address>`` (the form every
public hub accepts; WebSub leaves the publisher's side open). ``ping`` reads the built
output, finds every subscription feed that names the hub (archive documents are not
subscribed to), and notifies the hub of those whose bytes changed since the last
successful ping (a state file in ``.cache/``; ``--all`` notifies every one). Exit code
0: the hub took every notification; 1: some failed (named); 2: nothing to ping with.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import lxml.etree

from .site_settings import DEFAULT_SETTINGS_FILE, SettingsFileError, digest_settings

ATOM = "{http://www.w3.org/2005/Atom}"
HISTORY = "{http://purl.org/syndication/history/1.0}"
STATE = ".cache/websub-state.json"
TIMEOUT = 20


def feed_topic(path: Path, hub: str) -> str | None:
    """The feed's own address when it is a subscription feed naming ``hub``, else None."""
    data = path.read_bytes()
    if path.suffix == ".json":
        try:
            feed = json.loads(data)
        except ValueError:
            return None
        hubs = [h.get("url") for h in feed.get("hubs", []) if isinstance(h, dict)]
        return feed.get("feed_url") if hub in hubs else None
    try:
        root = lxml.etree.fromstring(data)
    except lxml.etree.XMLSyntaxError:
        return None
    head = root.find("channel") if root.tag == "rss" else root
    if head is None or head.find(f"{HISTORY}archive") is not None:
        return None
    links = {link.get("rel"): link.get("href") for link in head.findall(f"{ATOM}link")}
    return links.get("self") if links.get("hub") == hub else None


def changed_feeds(output: Path, hub: str, state: dict) -> dict[str, str]:
    """Feed address -> hash of its bytes, for every subscription feed naming ``hub``
    whose bytes are not those of the last successful ping."""
    found = {}
    for path in sorted(output.rglob("*")):
        if path.is_file() and path.name.endswith((".rss.xml", ".atom.xml", ".json")):
            topic = feed_topic(path, hub)
            if topic:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                if state.get(topic) != digest:
                    found[topic] = digest
    return found


def notify(hub: str, topic: str, session) -> str:
    """"" when the hub accepted the notification, else why not."""
    try:
        response = session.post(hub, data={"hub.mode": "publish", "hub.url": topic},
                                timeout=TIMEOUT)
    except Exception as err:  # requests' errors: the hub is unreachable
        return f"{type(err).__name__}: {err}"
    if 200 <= response.status_code < 300:
        return ""
    return f"HTTP {response.status_code} {response.reason}"


def _load_state(path: Path) -> dict:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def run(args) -> int:
    import requests  # noqa: PLC0415 - only this command talks to a hub

    settings_file = args.settings or DEFAULT_SETTINGS_FILE
    try:
        settings = digest_settings(settings_file)
    except SettingsFileError as err:
        print(f"ping: {err}", file=sys.stderr)
        return 2
    hub = settings["DIGEST_WEBSUB_HUB"]
    if not hub:
        print(f"{settings_file}: DIGEST_WEBSUB_HUB is not set, so the feeds name no hub and "
              "there is nobody to notify: set it to your hub's URL and build again",
              file=sys.stderr)
        return 2
    output = Path(args.output)
    if not output.is_dir():
        print(f"{output}: no such folder: build the site first (make publish)", file=sys.stderr)
        return 2
    state_path = Path(args.state) if args.state else \
        Path(settings_file).resolve().parent / STATE
    state = {} if args.all else _load_state(state_path)
    feeds = changed_feeds(output, hub, state)
    failed = []
    with requests.Session() as session:
        for topic, digest in feeds.items():
            why = notify(hub, topic, session)
            if why:
                failed.append((topic, why))
            else:
                state[topic] = digest
    state_path.parent.mkdir(parents=True, exist_ok=True)
    state_path.write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")
    for topic, why in failed:
        print(f"{hub}: {topic}: {why}", file=sys.stderr)
    print(f"notified {hub} of {len(feeds) - len(failed)} changed feed(s)"
          + (f"; {len(failed)} failed" if failed else ""))
    return 1 if failed else 0


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "ping", help="notify the WebSub hub (DIGEST_WEBSUB_HUB) of the feeds that changed")
    parser.add_argument("-s", "--settings", help="settings file (default: pelicanconf.py)")
    parser.add_argument("-o", "--output", default="output", help="the built site")
    parser.add_argument("--state", help=f"what was last pinged (default: {STATE} beside "
                        "the settings file)")
    parser.add_argument("--all", action="store_true", help="notify every feed, changed or not")
    parser.set_defaults(run=run)
