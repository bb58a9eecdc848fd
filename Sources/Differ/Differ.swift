// The Differ library: see the README's architecture section.
