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

	@Test
	void isCompilerThreadWhenHotSpotCompilerThenTrueElseFalse() {
		assertThat(ProcessCpu.isCompilerThread("101 (C2 CompilerThre) S 1 2 3")).isTrue();
		assertThat(ProcessCpu.isCompilerThread("102 (C1 CompilerThre) S 1 2 3")).isTrue();
		assertThat(ProcessCpu.isCompilerThread("103 (reactor-http-ep) S 1 2 3")).isFalse();
		assertThat(ProcessCpu.isCompilerThread("104 (VM Thread) S 1 2 3")).isFalse();
	}

	@Test
	void compilerSecondsWhenOwnProcessThenReadAndPartOfTheProcessTotal() {
		double compiler = ProcessCpu.compilerSeconds(ProcessHandle.current().pid());
		double total = ProcessCpu.seconds(ProcessHandle.current().pid());

		assertThat(compiler).isNotNaN().isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(total);
	}

	@Test
	void compilerSecondsWhenNoSuchProcessThenNaN() {
		assertThat(ProcessCpu.compilerSeconds(Long.MAX_VALUE)).isNaN();
	}

}
