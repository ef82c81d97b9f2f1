# ruff: noqa: E501 -- pages saved from the old site keep each paragraph on one long line, and so must these.
"""Legacy documents in the shapes the embassy's old pages come in, written by the tests themselves."""

# Shaped like the 2009 overview: a banner, a hand-written contents list, numbered headings, captions
# with credits, a "[Related links]" block, a "For more information" sentence, a dated paragraph, a
# figure title on its own line, and the old site's footer. Lines are long, one paragraph per line.
LEGACY_TEXT = """Consular Services Overview



 \u00a0

Consular Services Overview

Embassy of Japan

March 2010

\u00a0

1. Visas for Visitors

(1) Short Stays

(2) Working Holidays

2. Help for Residents

\u00a0

1. Visas for Visitors

\u00a0

Most travellers from the United States do not need a visa for a short stay in Japan, but every traveller needs a passport that stays valid for the whole visit. This paragraph is long enough to be read as ordinary body text.

\u00a0

The Embassy Reception Hall

\u00a0

Photo: Embassy of Japan

\u00a0

For more information on visa exemptions, please see:

http://127.0.0.1:9/visa/exemptions.html

\u00a0

[Related links]

* Ministry of Foreign Affairs: Visas

http://127.0.0.1:9/visa/

* Immigration Services Agency

http://127.0.0.1:9/immigration/

\u00a0

(1) Short Stays

March 1, 2010: On March 1 the embassy opened a new counter for short-stay visas at the chancery in Washington. The counter serves visitors from the whole region.

A traveller who stays up to 90 days for tourism or business meetings generally needs no visa at all, although the rules are set by the government.

Visa applications in 2009

\u00a0

(2) Working Holidays

Young people may apply for a working holiday visa, which lets them work to fund a longer stay; the conditions are listed on the ministry's site.

\u00a0

The Signing of the Working Holiday Agreement

Bettmann/CORBIS/Corbis Japan

.

2. Help for Residents

Residents who lose their passport should contact the consular section at once; the staff will explain how to obtain a replacement.

  \u2022 (i) report the loss to the local police;

  \u2022 (ii) bring two photographs to the embassy.

\u00a0

Copyright (C): 2010 Embassy of Japan in the United States
2520 Massachusetts Avenue, N.W.    Washington, DC 20008

Legal Matters | About Accessibility | Privacy Policy"""

LEGACY_MARKDOWN = """# Cultural Exchange Programs

Embassy of Japan

April 2011

This page lists the exchange programmes the embassy supports.

## 1. Student Exchanges

Every year hundreds of *students* travel between the two countries; see [the programme page](http://127.0.0.1:9/students/) for details.

![Students at a welcome reception](http://127.0.0.1:9/media/students-2010.jpg)

Welcome reception for exchange students
Photo: Japan Foundation

For more information on scholarships, please see: <http://127.0.0.1:9/scholarships/>

### (1) High School Programs

High school students stay with host families for a year.

### (2) University Programs

May 10, 2011: The embassy hosted a fair for university exchange programmes.

### Related links

* [Japan Foundation](http://127.0.0.1:9/jf/)
* [JET Programme](http://127.0.0.1:9/jet/)

## 2. Arts and Culture

Exhibitions, concerts and film screenings are held at the embassy's information centre.
"""

LEGACY_HTML = """<!DOCTYPE html>
<html><head><title>Science and Technology Cooperation</title>
<script>var tracking = 1;</script></head>
<body>
<nav><a href="/">Home</a> | <a href="/about/">About</a></nav>
<h1>Science and Technology Cooperation</h1>
<p>Embassy of Japan</p>
<h2>1. Joint Research</h2>
<p>Researchers from both countries work together in <b>space</b>, energy and health.</p>
<figure><img src="/images/lab.jpg" alt="Two researchers in a laboratory">
<figcaption>Researchers at a joint laboratory<br><small>Photo: Ministry of Education</small></figcaption></figure>
<h3>(1) Space</h3>
<p>June 3, 2012: The two space agencies signed a new agreement on lunar exploration.</p>
<p>[Related links]</p>
<ul><li><a href="http://127.0.0.1:9/space/">Space agency</a></li></ul>
<h3>(2) Energy</h3>
<p>Cooperation on clean energy covers solar power and batteries.</p>
<h2>2. Science Diplomacy</h2>
<p>For more information on fellowships, please see: <a href="http://127.0.0.1:9/fellowships/">fellowships</a></p>
<footer>Copyright 2012 Embassy of Japan</footer>
</body></html>
"""

# Old HTML pages often set headings as bold paragraphs, in layout tables.
LEGACY_HTML_BOLD_HEADINGS = """<html><head><title>Trade Figures</title></head><body>
<table><tr><td>
<p><b>Trade Figures</b></p>
<p><strong>1. Exports</strong></p>
<p>Exports to the United States grew in 2008 across most product groups.</p>
<p><strong>(1) Machinery</strong></p>
<p>Machinery remained the largest group of exports.</p>
<p><strong>2. Imports</strong></p>
<p>Imports of farm products from the United States rose again.</p>
</td></tr></table>
</body></html>
"""
