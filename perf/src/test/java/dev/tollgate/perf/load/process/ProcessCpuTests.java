package dev.tollgate.perf.load.process;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessCpuTests {

	@Test
	void parseStatWhenCommandHasSpacesAndParenthesesThenCountsFromLastParenthesis() {
		// pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime ...
		String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 1234 566 0 0 20 0 40 0 100 0 0";

		assertThat(ProcessCpu.parseStat(stat, 100)).isEqualTo(18.0);
	}

	@Test
	void secondsWhenOwnProcessThenPositive() {
		assertThat(ProcessCpu.seconds(ProcessHandle.current().pid())).isPositive();
	}

	@Test
	void secondsWhenNoSuchProcessThenNaN() {
		assertThat(ProcessCpu.seconds(Long.MAX_VALUE)).isNaN();
	}

}
