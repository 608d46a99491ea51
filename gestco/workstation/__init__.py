"""This computer: its folders, where its database is (its own file or a shop's server, and the
password in the keyring), and files written whole. Below storage: it opens no database."""
