"""The supervisors' view of the desk: figures, reports, exports and the web page."""
