package dev.tollgate.perf.jwt;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JWT validation benchmarks (Tollgate cold and cached, and the Spring Security baseline) in one run.
 * Extra arguments are JMH's own, e.g. {@code -f 1 -wi 2 -i 3 -w 1s -r 2s}.
 */
public final class JwtBenchmarkMain {

	private JwtBenchmarkMain() {
	}

	public static void main(String[] args) throws RunnerException, CommandLineOptionException {
		CommandLineOptions commandLine = new CommandLineOptions(args);
		OptionsBuilder options = new OptionsBuilder();
		options.parent(commandLine);
		if (commandLine.getIncludes().isEmpty()) {
			options.include(TollgateValidationBenchmark.class.getSimpleName())
				.include(SpringDecoderBaselineBenchmark.class.getSimpleName());
		}
		new Runner(options.build()).run();
	}

}
