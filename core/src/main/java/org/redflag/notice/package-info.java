/**
 * Notices of infringement: the facts a notice carries and the check whether it is qualified under a pack.
 */
package org.redflag.notice;
