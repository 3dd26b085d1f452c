//! Markdown, Mermaid and CSV checked with real tools (comrak, mmdc, a CSV parser).
