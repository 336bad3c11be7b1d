"""Stage 3: every chart's numbers as a table, CSV and Plotly figure, built once per build."""
