"""The coach overview across a portfolio of projects."""
