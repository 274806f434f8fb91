/**
 * The {@code redflag} executable: a plain picocli main that dispatches to one command class per verb. Commands
 * that need no server run without starting Spring.
 */
package org.redflag.app;
