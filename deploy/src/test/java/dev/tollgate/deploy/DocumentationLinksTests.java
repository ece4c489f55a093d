package dev.tollgate.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README and the pages under {@code docs/} (and the other Markdown files a reader reaches from them): every
 * relative link names a file that exists and, for a Markdown file, a heading anchor it has (GitHub's anchor rules);
 * the README stays a short front page.
 */
class DocumentationLinksTests {

	static final int README_MAX_LINES = 250;

	private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

	private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

	@Test
	void readmeWhenCountedThenAtMost250Lines() throws IOException {
		assertThat(Files.readAllLines(Repository.file("README.md")))
			.as("README.md is the front page: move details to a page under docs/")
			.hasSizeLessThanOrEqualTo(README_MAX_LINES);
	}

	@Test
	void linksWhenRelativeThenTargetFileAndAnchorExist() {
		List<String> broken = new ArrayList<>();
		Map<Path, Set<String>> anchors = new HashMap<>();
		for (Path page : pages()) {
			for (String target : links(page)) {
				if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
					continue; // https:, mailto: ...
				}
				int hash = target.indexOf('#');
				String file = (hash < 0) ? target : target.substring(0, hash);
				String anchor = (hash < 0) ? null : target.substring(hash + 1);
				Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
				String where = Repository.root().relativize(page) + ": " + target;
				if (!Files.exists(resolved)) {
					broken.add(where + " (no such file)");
				}
				else if (anchor != null && resolved.toString().endsWith(".md")
						&& !anchors.computeIfAbsent(resolved, DocumentationLinksTests::anchors).contains(anchor)) {
					broken.add(where + " (no such heading)");
				}
			}
		}
		assertThat(broken).as("broken relative links").isEmpty();
	}

	@Test
	void anchorsWhenHeadingHasCodeAndPunctuationThenFollowGithubRules() {
		assertThat(anchor("Delegation (`actor-token`, RFC 8693 §4.1)")).isEqualTo("delegation-actor-token-rfc-8693-41");
		assertThat(anchor("The gateway's own issuer")).isEqualTo("the-gateways-own-issuer");
		assertThat(anchor("`tollgate.sts.<name>`")).isEqualTo("tollgatestsname");
	}

	/** README, CHANGELOG, SECURITY, docs/ and the READMEs and results under deploy/ and perf/. */
	static List<Path> pages() {
		Path root = Repository.root();
		List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("CHANGELOG.md"),
				root.resolve("SECURITY.md")));
		for (String dir : List.of("docs", "deploy", "perf")) {
			try (Stream<Path> files = Files.walk(root.resolve(dir))) {
				files.filter((p) -> p.toString().endsWith(".md"))
					.filter((p) -> !root.relativize(p).toString().contains("target/"))
					.sorted()
					.forEach(pages::add);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return pages;
	}

	/** Link targets outside code blocks and inline code. */
	static List<String> links(Path page) {
		List<String> targets = new ArrayList<>();
		boolean fenced = false;
		for (String line : read(page)) {
			if (line.trim().startsWith("```")) {
				fenced = !fenced;
				continue;
			}
			if (fenced) {
				continue;
			}
			Matcher matcher = LINK.matcher(INLINE_CODE.matcher(line).replaceAll("``"));
			while (matcher.find()) {
				targets.add(matcher.group(1).replaceAll("^<|>$", ""));
			}
		}
		return targets;
	}

	/** The anchors GitHub gives a page's headings, numbered {@code -1}, {@code -2} when repeated. */
	static Set<String> anchors(Path page) {
		Set<String> anchors = new LinkedHashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		boolean fenced = false;
		for (String line : read(page)) {
			if (line.trim().startsWith("```")) {
				fenced = !fenced;
			}
			else if (!fenced && line.matches("^#{1,6} .*")) {
				String anchor = anchor(line.replaceFirst("^#+ ", ""));
				int count = seen.merge(anchor, 1, Integer::sum);
				anchors.add((count == 1) ? anchor : anchor + "-" + (count - 1));
			}
		}
		return anchors;
	}

	static String anchor(String heading) {
		return heading.trim()
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^\\p{L}\\p{N} _-]", "")
			.replace(' ', '-');
	}

	private static List<String> read(Path page) {
		try {
			return Files.readAllLines(page);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
