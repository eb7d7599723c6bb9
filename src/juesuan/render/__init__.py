"""Writing outputs for people: findings reports now; the disclosure itself in a later stage."""
