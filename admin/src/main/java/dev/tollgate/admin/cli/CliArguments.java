package dev.tollgate.admin.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and positional arguments, checked against the options a command accepts. */
final class CliArguments {

	private final List<String> positional = new ArrayList<>();

	private final Map<String, String> options = new HashMap<>();

	CliArguments(List<String> args, Set<String> allowed) {
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if (arg.startsWith("--")) {
				String name = arg.substring(2);
				String value;
				int eq = name.indexOf('=');
				if (eq >= 0) {
					value = name.substring(eq + 1);
					name = name.substring(0, eq);
				}
				else if (i + 1 < args.size()) {
					value = args.get(++i);
				}
				else {
					throw new UsageException("--" + name + " needs a value");
				}
				if (!allowed.contains(name)) {
					throw new UsageException("unknown option --" + name);
				}
				this.options.put(name, value);
			}
			else {
				this.positional.add(arg);
			}
		}
	}

	String option(String name) {
		return this.options.get(name);
	}

	String option(String name, String fallback) {
		return this.options.getOrDefault(name, fallback);
	}

	List<String> positional() {
		return this.positional;
	}

	String positional(int index, String what) {
		if (index >= this.positional.size()) {
			throw new UsageException("missing " + what);
		}
		return this.positional.get(index);
	}

	/** A command line the user got wrong: exit code 2 with the usage text. */
	static final class UsageException extends RuntimeException {

		UsageException(String message) {
			super(message, null, false, false);
		}

	}

}
