# Reference figures for wilson() in src/core/media/stats.ts, from an independent implementation: R's prop.test
# without continuity correction, whose confidence interval is the Wilson score interval (base R, no package).
#   Rscript test/reference/wilson.R > test/fixtures/wilson-reference.json
# The cases: the screener's test-part figures of the sixtieth look (issue 14), small and edge counts.
cases <- list(c(106, 208), c(150, 335), c(117, 873), c(88, 208), c(126, 335), c(103, 873), c(26, 100), c(0, 10),
              c(5, 5), c(1, 3), c(2, 2))
out <- c()
for (x in cases) {
  ci <- suppressWarnings(prop.test(x[1], x[2], correct = FALSE))$conf.int
  out <- c(out, sprintf('{"k": %d, "n": %d, "low": %.12f, "high": %.12f}', x[1], x[2], ci[1], ci[2]))
}
cat("[", paste(out, collapse = ",\n "), "]\n", sep = "")
