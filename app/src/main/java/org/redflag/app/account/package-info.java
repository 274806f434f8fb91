/** People and machines: accounts with roles, hashed passwords, API keys, and who is acting on a request. */
package org.redflag.app.account;
