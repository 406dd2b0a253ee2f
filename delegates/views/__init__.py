"""The delegates' public site: forum pages, programme, sessions, speakers and exports."""
