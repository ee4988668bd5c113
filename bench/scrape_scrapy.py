#!/usr/bin/python3
"""Crawl the scrapebench loopback board with Scrapy, the way jobmarket does.

Follows listing pages and posting links, parses each posting's JSON-LD,
and prints one JSON line: pages, postings, seconds, pages_per_s.
Settings as Scrapy ships them where it matters: 16 concurrent requests,
robots.txt obeyed, no download delay. With --store, Scrapy's HTTP cache
keeps every response on disk, as jobmarket's page store does.

usage: scrape_scrapy.py URL [--store DIR]
"""
import json
import sys
import time

import scrapy
from scrapy.crawler import CrawlerProcess


class BoardSpider(scrapy.Spider):
    name = "board"

    def __init__(self, base, **kw):
        super().__init__(**kw)
        self.start_urls = [base + "/jobs/"]
        self.postings = 0

    def parse(self, response):
        yield from response.follow_all(css="a.job-link", callback=self.parse_posting)
        yield from response.follow_all(css="a[rel=next]", callback=self.parse)

    def parse_posting(self, response):
        for block in response.css('script[type="application/ld+json"]::text').getall():
            data = json.loads(block)
            if data.get("@type") == "JobPosting":
                self.postings += 1
                yield {"title": data.get("title"), "company": data.get("hiringOrganization", {}).get("name")}


def main():
    base = sys.argv[1]
    settings = {
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
        "ROBOTSTXT_OBEY": True,
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "TELNETCONSOLE_ENABLED": False,
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
    }
    if "--store" in sys.argv:
        settings.update({"HTTPCACHE_ENABLED": True, "HTTPCACHE_DIR": sys.argv[sys.argv.index("--store") + 1]})
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(BoardSpider)
    start = time.monotonic()
    process.crawl(crawler, base=base)
    process.start()
    seconds = time.monotonic() - start
    stats = crawler.stats.get_stats()
    pages = stats.get("response_received_count", 0) - 1  # robots.txt is not a page
    print(json.dumps({"pages": pages, "postings": crawler.spider.postings, "seconds": seconds, "pages_per_s": pages / seconds}))


if __name__ == "__main__":
    main()
