# Reference figures for src/core/surveys/estimate.ts, from R's survey package (Lumley; Debian: r-cran-survey).
#   Rscript test/reference/survey.R > test/fixtures/survey-reference.json
# Design: strata = stratum, clusters = cluster (with replacement within strata, nest = TRUE), weights = weight.
suppressMessages(library(survey))
options(digits = 15)
read <- function(f) read.csv(f, stringsAsFactors = FALSE, na.strings = "")
d25 <- read("test/fixtures/survey-wave-2025.csv")
d30 <- read("test/fixtures/survey-wave-2030.csv")
z <- qnorm(0.975)
est <- function(m) list(mean = unname(coef(m)[1]), se = unname(SE(m)[1]))
obj <- function(x) paste0("{", paste(sprintf('"%s": %s', names(x), vapply(x, function(v) {
  if (is.character(v)) sprintf('"%s"', v) else sprintf("%.15g", v)
}, "")), collapse = ", "), "}")
out <- list()
design <- function(d) subset(svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, nest = TRUE, data = d), !is.na(score))
for (w in list(list("2025", d25), list("2030", d30))) {
  des <- design(w[[2]])
  e <- est(svymean(~score, des))
  out[[length(out) + 1]] <- obj(c(list(case = paste0("design-", w[[1]])), e))
  by <- svyby(~score, ~sex, des, svymean)
  for (i in seq_along(rownames(by))) out[[length(out) + 1]] <- obj(list(case = paste0("design-", w[[1]], "-sex-",
    rownames(by)[i]), mean = unname(coef(by)[i]), se = unname(SE(by)[i])))
  by2 <- svyby(~score, ~sex + age_group, des, svymean)
  for (i in seq_along(rownames(by2))) out[[length(out) + 1]] <- obj(list(case = paste0("design-", w[[1]], "-sexage-",
    rownames(by2)[i]), mean = unname(coef(by2)[i]), se = unname(SE(by2)[i])))
  # weights only (each respondent its own cluster), and simple random sampling (no weights)
  e <- est(svymean(~score, subset(svydesign(ids = ~1, weights = ~weight, data = w[[2]]), !is.na(score))))
  out[[length(out) + 1]] <- obj(c(list(case = paste0("weights-", w[[1]])), e))
  e <- est(svymean(~score, subset(svydesign(ids = ~1, data = w[[2]]), !is.na(score))))
  out[[length(out) + 1]] <- obj(c(list(case = paste0("srs-", w[[1]])), e))
}
# change 2025 -> 2030: both waves in one design (wave as a stratum prefix: independent samples), the log of the
# ratio of domain means by the delta method (svycontrast), and Fieller's interval from the two estimates
both <- rbind(transform(d25, wave = "w2025", stratum = paste0("a", stratum), cluster = paste0("a", cluster)),
              transform(d30, wave = "w2030", stratum = paste0("b", stratum), cluster = paste0("b", cluster)))
bw <- svyby(~score, ~wave, design(both), svymean, covmat = TRUE)
lr <- svycontrast(bw, quote(log(w2030 / w2025)))
a <- coef(bw)[["w2030"]]; b <- coef(bw)[["w2025"]]; va <- SE(bw)[2]^2; vb <- SE(bw)[1]^2
den <- b^2 - z^2 * vb; disc <- va * b^2 + vb * a^2 - z^2 * va * vb
out[[length(out) + 1]] <- obj(list(case = "change", change = unname(a / b - 1),
  ciLow = unname(exp(coef(lr) - z * SE(lr)) - 1), ciHigh = unname(exp(coef(lr) + z * SE(lr)) - 1),
  fiellerLow = unname((a * b - z * sqrt(disc)) / den - 1), fiellerHigh = unname((a * b + z * sqrt(disc)) / den - 1)))
# raking both waves to the same population margins (test/fixtures/survey-margins.csv), then the mean and the
# change; rake() with its default control (10 passes, epsilon 1)
margins <- read.csv("test/fixtures/survey-margins.csv", stringsAsFactors = FALSE)
pop <- function(v) { m <- margins[margins$variable == v, ]; df <- data.frame(m$value, m$total); names(df) <- c(v, "Freq"); df }
raked <- function(d) rake(svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, nest = TRUE, data = d),
  list(~sex, ~age_group), list(pop("sex"), pop("age_group")))
for (w in list(list("2025", d25), list("2030", d30))) {
  e <- est(svymean(~score, raked(w[[2]]), na.rm = TRUE))
  out[[length(out) + 1]] <- obj(c(list(case = paste0("raked-", w[[1]])), e))
  by <- svyby(~score, ~sex, raked(w[[2]]), svymean, na.rm = TRUE)
  for (i in seq_along(rownames(by))) out[[length(out) + 1]] <- obj(list(case = paste0("raked-", w[[1]], "-sex-",
    rownames(by)[i]), mean = unname(coef(by)[i]), se = unname(SE(by)[i])))
}
# a stratum with one cluster: R's "remove" and "adjust"
lone <- d25[d25$stratum != "mountain" | d25$cluster == "mountain-1", ]
for (rule in c("remove", "adjust")) {
  options(survey.lonely.psu = rule)
  e <- est(svymean(~score, design(lone)))
  out[[length(out) + 1]] <- obj(c(list(case = paste0("lonely-", rule)), e))
}
# design effects (deff = "replace": against a simple random sample with replacement), overall and by sex
options(survey.lonely.psu = "fail")
for (w in list(list("2025", d25), list("2030", d30))) {
  m <- svymean(~score, design(w[[2]]), deff = "replace")
  out[[length(out) + 1]] <- obj(list(case = paste0("deff-", w[[1]]), deff = unname(deff(m))))
  by <- svyby(~score, ~sex, design(w[[2]]), svymean, deff = "replace")
  for (i in seq_along(rownames(by))) out[[length(out) + 1]] <- obj(list(case = paste0("deff-", w[[1]], "-sex-",
    rownames(by)[i]), deff = unname(by$DEff.score[i])))
}
# change by sex: log ratio by the delta method, its two-sided p-value, and Holm's adjustment over the groups
bs <- svyby(~score, ~wave + sex, design(both), svymean, covmat = TRUE)
ps <- c()
for (s in c("female", "male")) {
  lr <- svycontrast(bs, parse(text = sprintf("log(w2030.%s / w2025.%s)", s, s))[[1]])
  ps[s] <- 2 * pnorm(-abs(coef(lr) / SE(lr)))
  out[[length(out) + 1]] <- obj(list(case = paste0("change-sex-", s), change = unname(exp(coef(lr)) - 1),
    ciLow = unname(exp(coef(lr) - z * SE(lr)) - 1), ciHigh = unname(exp(coef(lr) + z * SE(lr)) - 1), p = unname(ps[s])))
}
adj <- p.adjust(ps, "holm")
for (s in names(adj)) out[[length(out) + 1]] <- obj(list(case = paste0("holm-sex-", s), p = unname(adj[s])))
adj <- p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "holm")
out[[length(out) + 1]] <- paste0('{"case": "holm-five", "p": [', paste(sprintf("%.15g", adj), collapse = ", "), "]}")
# sample size per wave: the normal approximation, and R's t-test power calculation beside it (deff 1)
nn <- function(mean, sd, change, deff) ceiling(deff * (qnorm(0.975) + qnorm(0.8))^2 * 2 * sd^2 / (change * mean)^2)
for (a in list(c(60, 20, 0.10, 1), c(60, 20, 0.10, 2), c(45, 15, 0.15, 1.5), c(80, 12, 0.05, 1)))
  out[[length(out) + 1]] <- obj(list(case = sprintf("sample-%g-%g-%g-%g", a[1], a[2], a[3], a[4]),
    n = nn(a[1], a[2], a[3], a[4]),
    tTest = ceiling(a[4] * power.t.test(delta = a[3] * a[1], sd = a[2], power = 0.8)$n)))
cat("[", paste(out, collapse = ",\n "), "]\n", sep = "")
