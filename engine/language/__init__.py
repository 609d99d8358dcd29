"""Language: the words a knowledge base understands (lexicon), facts read out of a statement
(statements), the commands a line can be (commands), and the Understanding of one line (understand)."""
