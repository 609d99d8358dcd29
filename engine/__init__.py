"""engine: reasoning, language and answers over a compiled knowledge base.

`engine.reason` decides (fit, plan, assess), `engine.language` reads what a person types,
`engine.answers` says why, why not, compare, what if, the checklist and answers from the docs;
`engine.turn` runs one turn through them. See docs/architecture.md.
"""
