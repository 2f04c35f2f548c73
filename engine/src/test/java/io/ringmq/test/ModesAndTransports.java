package io.ringmq.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A test run in every {@link Mode} over every {@link TestTransport}; the method takes {@code (Mode, TestTransport)}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0} over {1}")
@MethodSource("io.ringmq.test.TestTransport#modesAndTransports")
public @interface ModesAndTransports
{
}
