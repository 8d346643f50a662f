/**
 * The README's library snippets as real code. Each snippet is the region between
 * {@code // README:NAME:start} and {@code // README:NAME:end} of one of these classes; the tests run
 * them against the testkit agent, and {@code ReadmeSnippetsTest} checks that README.md shows exactly
 * those lines.
 */
package io.spoe4j.examples;
