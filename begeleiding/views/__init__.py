"""The pages of coaching and aftercare: the jobcoach's (coach), the employers' questions (vragen)."""
