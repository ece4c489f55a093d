package dev.tollgate.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/** Files of the repository these tests read: the module runs in {@code deploy/}, the files sit beside it. */
final class Repository {

	private Repository() {
	}

	/** The repository root: the first directory upwards from the working directory holding {@code deploy/}. */
	static Path root() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null) {
			if (Files.isDirectory(dir.resolve("deploy/kubernetes")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
				return dir;
			}
			dir = dir.getParent();
		}
		throw new IllegalStateException("no deploy/kubernetes above " + Path.of("").toAbsolutePath());
	}

	static Path file(String relative) {
		return root().resolve(relative);
	}

	static String read(String relative) {
		try {
			return Files.readString(file(relative));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Map<String, Object> yaml(String text) {
		return new Yaml().load(text);
	}

	@SuppressWarnings("unchecked")
	static <T> T at(Object node, String... path) {
		Object current = node;
		for (String key : path) {
			if (current instanceof Map<?, ?> map) {
				current = map.get(key);
			}
			else if (current instanceof List<?> list && key.matches("\\d+")) {
				current = list.get(Integer.parseInt(key));
			}
			else {
				return null;
			}
		}
		return (T) current;
	}

}
