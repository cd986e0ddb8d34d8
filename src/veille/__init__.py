"""veille: French-language news and intelligence reports into a sourced knowledge graph."""

__version__ = "0.1.0"
