"""Inspectors' work: audit records (:mod:`.record`), the audited check (:mod:`.audited`) and its text/JSON
(:mod:`.output`), bureau exemptions (:mod:`.exemptions`), the on-site sheet (:mod:`.sheet`, its workbook
:mod:`.sheet_xlsx` and the reader back :mod:`.sheet_xlsx_read`) and the rectification notice (:mod:`.notice`)."""
