"""``make bench``: the digest's build against plain Pelican on the same synthetic stories."""
