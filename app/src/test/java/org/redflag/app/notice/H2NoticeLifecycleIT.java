package org.redflag.app.notice;

import org.redflag.app.server.TestServer;

class H2NoticeLifecycleIT extends NoticeLifecycleIT {
    @Override
    TestServer.Db db() {
        return TestServer.Db.H2;
    }
}
