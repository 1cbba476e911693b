package org.pujiang;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on an in-memory H2, one context shared by the tests that use it. Its engine has a name of
 * its own, so that the engine REST API of the web test context (which looks up the engine named "default" in the
 * JVM-wide registry) never reaches this one, whichever context starts first.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = "camunda.bpm.process-engine-name=in-process")
@ActiveProfiles("test")
public @interface PujiangTest {

}
