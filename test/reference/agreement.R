# Reference figures for src/core/media/agreement.ts, from an independent implementation:
# Cohen's kappa (unweighted) by the psych package (Debian: r-cran-psych).
#   Rscript test/reference/agreement.R > test/fixtures/agreement-reference.json
suppressMessages(library(psych))
d <- read.csv("test/fixtures/agreement-sample.csv", stringsAsFactors = FALSE)
out <- c()
for (v in unique(d$variable)) {
  x <- d[d$variable == v, ]
  w <- reshape(x[, c("unit", "coder", "value")], idvar = "unit", timevar = "coder", direction = "wide")
  k <- cohen.kappa(w[, c("value.lan", "value.minh")])
  out <- c(out, sprintf('{"variable": "%s", "units": %d, "cohenKappa": %.12f}', v, nrow(w), k$kappa))
}
cat("[", paste(out, collapse = ",\n "), "]\n", sep = "")
