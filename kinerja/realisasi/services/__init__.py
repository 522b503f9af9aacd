"""Writes with rules for realisasi, by job: `isian` (staff save the form or an import and
submit), `verifikasi` (the head verifies or returns), and `terjaga` (the optimistic lock,
transaction, history and checks they share).
"""
