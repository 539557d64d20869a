"""The newsletter's numbered editions: a web page, an e-mail and a LINE text per period, and their feed."""
