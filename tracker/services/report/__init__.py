"""The partnership report for the steering group: period, sections and the PDF printer."""
