"""The shop's values and rules: records, the status machine, money, phones, text, times, errors
and the areas a write changes. No I/O: nothing here opens a file or a database."""
