"""Evidence, computations and charts for the report "COVID-19 in Iran's prisons, 2020"."""
