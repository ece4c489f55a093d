package dev.tollgate.app.observe;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression (or a Grafana {@code label_values(metric, label)} query) reads. Enough PromQL
 * for dashboards and alert rules: label matchers, strings, ranges, {@code offset}, grouping clauses and function
 * calls are removed, and what is left that looks like an identifier is a metric name.
 */
final class PromQlMetricNames {

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");

	private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

	private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");

	private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");

	private static final Pattern OFFSET = Pattern.compile("\\boffset\\s+-?[0-9a-zA-Z_$]+");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "inf", "nan", "offset", "by",
			"without", "on", "ignoring", "group_left", "group_right");

	private PromQlMetricNames() {
	}

	static Set<String> in(String expression) {
		Set<String> names = new TreeSet<>();
		Matcher labelValues = LABEL_VALUES.matcher(expression);
		if (labelValues.find()) {
			names.add(labelValues.group(1));
			return names;
		}
		String rest = STRINGS.matcher(expression).replaceAll(" ");
		rest = MATCHERS.matcher(rest).replaceAll(" ");
		rest = RANGES.matcher(rest).replaceAll(" ");
		rest = OFFSET.matcher(rest).replaceAll(" ");
		rest = GROUPING.matcher(rest).replaceAll(" ");
		Matcher identifier = IDENTIFIER.matcher(rest);
		while (identifier.find()) {
			boolean call = identifier.group(2) != null;
			String name = identifier.group(1);
			if (!call && !KEYWORDS.contains(name.toLowerCase())) {
				names.add(name);
			}
		}
		return names;
	}

}
