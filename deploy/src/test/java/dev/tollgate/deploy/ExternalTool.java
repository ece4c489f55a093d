package dev.tollgate.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A command-line tool these tests run (kubectl, promtool): found on {@code PATH} or through an environment variable
 * naming its path; when absent, the test is skipped (a JUnit assumption) with a message saying what to install.
 */
final class ExternalTool {

	private final String name;

	private final Path executable;

	private ExternalTool(String name, Path executable) {
		this.name = name;
		this.executable = executable;
	}

	/**
	 * @param name executable name on {@code PATH}
	 * @param variable environment variable that may name the executable instead
	 * @param install what to do to get it, for the skip message
	 */
	static ExternalTool require(String name, String variable, String install) {
		Optional<Path> found = Optional.ofNullable(System.getenv(variable)).filter((v) -> !v.isBlank()).map(Path::of)
			.or(() -> onPath(name));
		assumeTrue(found.isPresent() && Files.isExecutable(found.get()),
				() -> name + " not found on PATH (or $" + variable + "): skipped. " + install);
		return new ExternalTool(name, found.get());
	}

	private static Optional<Path> onPath(String name) {
		String path = System.getenv().getOrDefault("PATH", "");
		for (String dir : path.split(File.pathSeparator)) {
			Path candidate = Path.of(dir).resolve(name);
			if (!dir.isEmpty() && Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	/** Runs the tool in {@code workingDirectory}; fails the test on a non-zero exit, with the tool's output. */
	Result run(Path workingDirectory, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(this.executable.toString());
		command.addAll(List.of(arguments));
		try {
			// Output to files, not pipes: a tool that fills one pipe while we read the other cannot block.
			Path out = Files.createTempFile(this.name, ".out");
			Path err = Files.createTempFile(this.name, ".err");
			try {
				Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
					.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
					.redirectOutput(out.toFile())
					.redirectError(err.toFile())
					.start();
				if (!process.waitFor(2, TimeUnit.MINUTES)) {
					process.destroyForcibly();
					fail(this.name + " did not finish within 2 minutes: " + command);
				}
				Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
				if (result.exitCode() != 0) {
					fail(this.name + " exited with " + result.exitCode() + ": " + command + "\n" + result.stdout()
							+ "\n" + result.stderr());
				}
				return result;
			}
			finally {
				Files.deleteIfExists(out);
				Files.deleteIfExists(err);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Result(int exitCode, String stdout, String stderr) {
	}

}
