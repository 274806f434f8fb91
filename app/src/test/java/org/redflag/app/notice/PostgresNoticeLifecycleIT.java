package org.redflag.app.notice;

import org.redflag.app.server.TestServer;

class PostgresNoticeLifecycleIT extends NoticeLifecycleIT {
    @Override
    TestServer.Db db() {
        return TestServer.Db.POSTGRES;
    }
}
