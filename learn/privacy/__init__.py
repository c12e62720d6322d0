"""Personal data rights: a copy of everything held about a user, and account deletion."""
