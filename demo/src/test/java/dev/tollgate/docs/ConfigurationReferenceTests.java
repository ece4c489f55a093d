package dev.tollgate.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/configuration.md} is generated from the configuration metadata; this test fails when the committed
 * file differs, and rewrites it when run with {@code -Dtollgate.docs.write=true} (see
 * {@link ConfigurationReference#REGENERATE}).
 */
class ConfigurationReferenceTests {

	static final String WRITE = "tollgate.docs.write";

	@Test
	void configurationReferenceWhenGeneratedFromMetadataThenMatchesCommittedDocs() throws IOException {
		Path committed = repositoryRoot().resolve("docs/configuration.md");
		String generated = ConfigurationReference.render(ConfigurationMetadata.load());
		if (Boolean.getBoolean(WRITE)) {
			Files.writeString(committed, generated);
		}
		String current = Files.isRegularFile(committed) ? Files.readString(committed) : "";
		assertThat(current)
			.as("docs/configuration.md is out of date with the configuration metadata; regenerate it with:%n  %s",
					ConfigurationReference.REGENERATE)
			.isEqualTo(generated);
	}

	@Test
	void configurationReferenceWhenRenderedThenListsNestedListAndMapEntries() {
		String generated = ConfigurationReference.render(ConfigurationMetadata.load());
		assertThat(generated).contains("| `tollgate.routes[].path` |", "| `tollgate.routes[].upstream-token.audience` |",
				"| `tollgate.issuers[].jwks-uri` |", "| `tollgate.rate-limit.policies.<name>.limits` |",
				"| `tollgate.sts.<name>.token-uri` |", "`local` (", "| `tollgate.demo.authorization-server-port` |");
	}

	static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null) {
			if (Files.isDirectory(dir.resolve("docs")) && Files.isRegularFile(dir.resolve("README.md"))) {
				return dir;
			}
			dir = dir.getParent();
		}
		throw new IllegalStateException("no docs/ above " + Path.of("").toAbsolutePath());
	}

}
