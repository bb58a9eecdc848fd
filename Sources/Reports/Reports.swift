// The Reports library: see the README's architecture section.
