"""Answers: why, why not, what if and the checklist (explain), options side by side (compare),
guides that apply (guides) and answers from the docs' own sentences (from_docs), as cited Statements."""
