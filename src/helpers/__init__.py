"""crackdown-briefings: coded crackdown events and dated briefings."""
