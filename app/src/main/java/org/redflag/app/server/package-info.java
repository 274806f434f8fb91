/**
 * The server: {@code redflag serve}, the Spring Boot application that assembles every capability, its clock, its
 * API documentation, the first admin account, and what it says when it cannot start.
 */
package org.redflag.app.server;
