// The archive page: replaced by the full page.
