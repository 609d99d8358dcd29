"""Reasoning: which options fit (fit, compiled), what to ask next (plan: exact, sampled), and the
Assessment of a set of facts (assess)."""
