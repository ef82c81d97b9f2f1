"""Demo content: the February 2009 "Overview of Japan-U.S. Relations", retold.

Facts (titles, names, dates, figures, credits, URLs) follow the embassy's page; the prose is our own.
"""

import datetime

# Where the source gives only a month or a year, the date is stored as the 1st
# of that month (or, for a few events, a conventional day) and "date_precision"
# says how much of it is meaningful. Where the page reports a figure that looks odd (for
# example "$2336 billion" or "COP 15" for the Bali Action Plan), it is kept as
# published: this is a retelling of that page, not a correction of it.

PAGE = {
    "title": "Overview of Japan-U.S. Relations",
    "slug": "overview-of-japan-us-relations",
    "publisher": "Embassy of Japan",
    "dated": datetime.date(2009, 2, 1),
    "date_precision": "month",
    "summary": (
        "A reference summary, as of February 2009, of the political, security, "
        "economic and global ties between Japan and the United States."
    ),
    "body": (
        "This page outlines how Japan and the United States work together: where the "
        "relationship stands today, how the security alliance is organized, what links "
        "the two economies, and how the two governments cooperate on problems that reach "
        "beyond their borders. It reflects the situation in February 2009."
    ),
    "photos": [],
    "links": [],
    "events": [],
    "children": [
        # ------------------------------------------------------------------
        # 1. Current State of Japan-U.S. Relations
        # ------------------------------------------------------------------
        {
            "title": "Current State of Japan-U.S. Relations",
            "slug": "current-state",
            "summary": (
                "Former adversaries turned close allies, Japan and the United States "
                "share core values and enjoy broad public support in both countries."
            ),
            "body": (
                "The San Francisco Peace Treaty, concluded on September 8, 1951 between "
                "Japan and the Allied countries (the United States among them), formally "
                "ended World War II and opened a new era in Japan-U.S. relations. Having "
                "faced many challenges together since then, the two countries now share "
                "what the late Senator Michael J. Mansfield, a former U.S. Ambassador to "
                "Japan, called \u201cthe most important bilateral relationship in the world, "
                "bar none.\u201d Few former enemies have become such close partners so fast.\n"
                "\n"
                "Meeting in November 2007, Prime Minister Fukuda and President Bush "
                "agreed that the alliance is the cornerstone of both countries' Asia "
                "policies and vital to their work on global issues. Rooted in shared "
                "interests and in democracy, freedom, the rule of law and human rights, "
                "cooperation now spans politics, security and the economy.\n"
                "\n"
                "Public opinion is largely favorable: in a Ministry of Foreign Affairs of "
                "Japan poll released in June 2007, 74% of the American \u201cgeneral public\u201d "
                "and 91% of American \u201copinion leaders\u201d called Japan \u201ca dependable ally or "
                "friend.\u201d"
            ),
            "photos": [
                {
                    "key": "san-francisco-peace-treaty",
                    "caption": "The Signing of the San Francisco Peace Treaty",
                    "credit": "Bettmann/CORBIS/Corbis Japan",
                    "alt": ("Delegates seated at a long table signing the peace treaty in San Francisco, 1951"),
                    "taken_on": datetime.date(1951, 9, 8),
                    "kind": "photo",
                },
            ],
            "links": [
                {
                    "title": (
                        "Ministry of Foreign Affairs: Results of the 2007 opinion poll on Japan in the United States"
                    ),
                    "url": "http://www.mofa.go.jp/announce/announce/2007/6/1174181_828.html",
                },
                {
                    "title": "Ministry of Foreign Affairs: Japan-U.S. Relations",
                    "url": "http://www.mofa.go.jp/region/n-america/us/index.html",
                },
                {
                    "title": "Ministry of Foreign Affairs: Japan-U.S. Relations 1945-1997 Chronology",
                    "url": "http://www.mofa.go.jp/region/n-america/us/relation.html",
                },
            ],
            "events": [
                {
                    "key": "san-francisco-peace-treaty-1951",
                    "title": "San Francisco Peace Treaty signed",
                    "starts_on": datetime.date(1951, 9, 8),
                    "date_precision": "day",
                    "start_time": None,
                    "ends_on": None,
                    "location": "San Francisco",
                    "participants": "",
                    "summary": (
                        "Japan made peace with the Allied countries, among them the United "
                        "States, formally ending World War II."
                    ),
                    "body": (
                        "Japan and the Allied countries, the United States among them, signed "
                        "the San Francisco Peace Treaty. It formally closed World War II and "
                        "began a new era in Japan-U.S. relations."
                    ),
                    "photos": ["san-francisco-peace-treaty"],
                },
                {
                    "key": "us-opinion-poll-2007",
                    "title": "Ministry of Foreign Affairs releases opinion poll on Japan in the United States",
                    "starts_on": datetime.date(2007, 6, 1),
                    "date_precision": "month",
                    "start_time": None,
                    "ends_on": None,
                    "location": "",
                    "participants": "",
                    "summary": (
                        "A poll published by Japan's Foreign Ministry found most Americans "
                        "view Japan as a dependable ally or friend."
                    ),
                    "body": (
                        "Japan was rated \u201ca dependable ally or friend\u201d by 74% of the "
                        "American general public and 91% of American opinion leaders."
                    ),
                    "photos": [],
                },
            ],
            "children": [
                {
                    "title": "Summit Meetings between Prime Minister Aso and President Obama",
                    "slug": "aso-obama-summit",
                    "summary": (
                        "At the White House on February 24, 2009, the two leaders agreed to "
                        "strengthen the alliance and to tackle global issues together."
                    ),
                    "body": (
                        "Visiting Washington, D.C., Prime Minister Taro Aso held talks with "
                        "President Barack Obama on February 24, 2009 (local time), the first "
                        "foreign head of state received at the White House under the new "
                        "administration.\n"
                        "\n"
                        "They agreed to strengthen the Japan-US alliance further and, with it as "
                        "the cornerstone, to work jointly on challenges for both countries, the "
                        "Asia-Pacific region and the wider world, including finance and the world "
                        "economy, Afghanistan and Pakistan, and energy and climate change."
                    ),
                    "photos": [
                        {
                            "key": "aso-obama-white-house",
                            "caption": ("Prime Minister Aso and President Obama (February 24, 2009, White House)"),
                            "credit": "Photo: Cabinet Public Relations Office",
                            "alt": (
                                "Prime Minister Taro Aso and President Barack Obama seated "
                                "side by side during their talks at the White House"
                            ),
                            "taken_on": datetime.date(2009, 2, 24),
                            "kind": "photo",
                        },
                    ],
                    "links": [],
                    "events": [
                        {
                            "key": "aso-obama-summit-2009",
                            "title": "Japan-U.S. summit: Prime Minister Aso and President Obama",
                            "starts_on": datetime.date(2009, 2, 24),
                            "date_precision": "day",
                            "start_time": None,
                            "ends_on": None,
                            "location": "White House, Washington, D.C.",
                            "participants": (
                                "Taro Aso (Prime Minister of Japan), Barack Obama (President of the United States)"
                            ),
                            "summary": (
                                "Prime Minister Aso became the first foreign leader to hold talks "
                                "at the White House under the new Obama administration."
                            ),
                            "body": (
                                "The two leaders agreed to strengthen the Japan-US alliance further "
                                "and to address together issues such as finance and the world "
                                "economy, Afghanistan and Pakistan, and energy and climate change."
                            ),
                            "photos": ["aso-obama-white-house"],
                        },
                    ],
                    "children": [],
                },
                {
                    "title": "Meeting between Foreign Minister Nakasone and Secretary of State Clinton",
                    "slug": "nakasone-clinton-meeting",
                    "summary": (
                        "Secretary Clinton made Japan her first stop as Secretary of State and "
                        "met Foreign Minister Nakasone in February 2009."
                    ),
                    "body": (
                        "On February 17, 2009, Secretary of State Hillary Rodham Clinton came to "
                        "Japan, her first destination in the post, for talks and lunch with "
                        "Foreign Minister Hirofumi Nakasone. Nakasone restated Japan's basic "
                        "position that the alliance anchors its foreign policy and Asia-Pacific "
                        "peace and prosperity; Clinton, too, stressed its importance.\n"
                        "\n"
                        "In a frank exchange, both noted their countries' shared responsibility "
                        "for international peace, development and prosperity and their wish to "
                        "deepen ties further."
                    ),
                    "photos": [
                        {
                            "key": "nakasone-clinton",
                            "caption": "Foreign Minister Nakasone and Secretary Clinton (February 17, 2009)",
                            "credit": "Photo: Ministry of Foreign Affairs",
                            "alt": (
                                "Foreign Minister Hirofumi Nakasone and Secretary of State "
                                "Hillary Rodham Clinton shaking hands in Tokyo"
                            ),
                            "taken_on": datetime.date(2009, 2, 17),
                            "kind": "photo",
                        },
                    ],
                    "links": [],
                    "events": [
                        {
                            "key": "nakasone-clinton-meeting-2009",
                            "title": "Foreign Minister Nakasone meets Secretary of State Clinton",
                            "starts_on": datetime.date(2009, 2, 17),
                            "date_precision": "day",
                            "start_time": None,
                            "ends_on": None,
                            "location": "Tokyo",
                            "participants": (
                                "Hirofumi Nakasone (Minister for Foreign Affairs of Japan), "
                                "Hillary Rodham Clinton (U.S. Secretary of State)"
                            ),
                            "summary": (
                                "On her first trip as Secretary of State, Clinton held talks and a "
                                "luncheon with Foreign Minister Nakasone."
                            ),
                            "body": (
                                "Both sides affirmed the importance of the Japan-U.S. alliance and "
                                "their wish to strengthen the relationship further."
                            ),
                            "photos": ["nakasone-clinton"],
                        },
                    ],
                    "children": [],
                },
            ],
        },
        # ------------------------------------------------------------------
        # 2. Japan-U.S. Security Relationship
        # ------------------------------------------------------------------
        {
            "title": "Japan-U.S. Security Relationship",
            "slug": "security",
            "summary": (
                "The security treaty at the heart of the alliance, the realignment of U.S. "
                "Forces in Japan, and joint work on missile defense."
            ),
            "body": (
                "Security cooperation rests on a treaty first signed in 1951 and has been "
                "updated many times since, most recently through the realignment of U.S. Forces "
                "in Japan and joint work on ballistic missile defense."
            ),
            "photos": [],
            "links": [],
            "events": [],
            "children": [
                {
                    "title": "Overview",
                    "slug": "security-overview",
                    "summary": (
                        "The Japan-U.S. Security Treaty underpins stability in the Asia-Pacific "
                        "and has been reinforced by later declarations, guidelines and laws."
                    ),
                    "body": (
                        "Security ties rest on the Japan-U.S. Security Treaty, first signed in "
                        "1951. The treaty has underpinned Japan's peace and prosperity and "
                        "provides a basic framework for stability across the Asia-Pacific, where "
                        "uncertainty persisted after the Cold War; the forward deployment of U.S. "
                        "Forces is central to deterring crises there.\n"
                        "\n"
                        "Japan spends about $5.7 billion a year to station U.S. Forces in Japan "
                        "(\u201chost nation support\u201d). At a 1996 summit, then-Prime Minister Hashimoto "
                        "and then-President Clinton issued the \u201cJapan-U.S. Joint Declaration on "
                        "Security: Alliance for the 21st Century,\u201d setting the alliance's future "
                        "course. In 1997 the two governments revised their Guidelines for "
                        "U.S.-Japan Defense Cooperation, covering normal times, an armed attack "
                        "on Japan, and situations in surrounding areas that significantly affect "
                        "Japan's security. Japan gave effect to them with the Law Relating to "
                        "Measures for Preserving the Peace and Security of Japan in the Event of "
                        "a Situation in the Areas Surrounding Japan (1999) and the Ship "
                        "Inspection Operations Law (2000)."
                    ),
                    "photos": [
                        {
                            "key": "security-treaty-signing",
                            "caption": "The Signing of the Original Japan-U.S. Security Treaty (1951)",
                            "credit": "Bettmann/CORBIS/Corbis Japan",
                            "alt": (
                                "Japanese and U.S. representatives at a table signing the "
                                "original Japan-U.S. Security Treaty, 1951"
                            ),
                            # The caption gives only the year, so no exact date is claimed.
                            "taken_on": None,
                            "kind": "photo",
                        },
                    ],
                    "links": [],
                    "events": [
                        {
                            "key": "security-treaty-signed-1951",
                            "title": "Original Japan-U.S. Security Treaty signed",
                            "starts_on": datetime.date(1951, 9, 8),
                            "date_precision": "year",
                            "start_time": None,
                            "ends_on": None,
                            "location": "San Francisco",
                            "participants": "",
                            "summary": (
                                "Japan and the United States signed the treaty on which their "
                                "security relationship is based."
                            ),
                            "body": (
                                "The original Japan-U.S. Security Treaty became the basis of "
                                "security cooperation between the two countries and of stability "
                                "in the Asia-Pacific region."
                            ),
                            "photos": ["security-treaty-signing"],
                        },
                        {
                            "key": "joint-declaration-on-security-1996",
                            "title": (
                                "\u201cJapan-U.S. Joint Declaration on Security: Alliance for the "
                                "21st Century\u201d issued"
                            ),
                            "starts_on": datetime.date(1996, 4, 17),
                            "date_precision": "year",
                            "start_time": None,
                            "ends_on": None,
                            "location": "Tokyo",
                            "participants": ("Prime Minister Hashimoto (Japan), President Clinton (United States)"),
                            "summary": (
                                "At a Japan-U.S. summit, the two leaders issued a declaration "
                                "setting the future course of the alliance."
                            ),
                            "body": (
                                "Prime Minister Hashimoto and President Clinton issued the joint "
                                "declaration, which led to the 1997 revision of the Guidelines for "
                                "U.S.-Japan Defense Cooperation."
                            ),
                            "photos": [],
                        },
                        {
                            "key": "defense-guidelines-revised-1997",
                            "title": "Guidelines for U.S.-Japan Defense Cooperation revised",
                            "starts_on": datetime.date(1997, 1, 1),
                            "date_precision": "year",
                            "start_time": None,
                            "ends_on": None,
                            "location": "",
                            "participants": "",
                            "summary": (
                                "The two governments revised their defense cooperation guidelines "
                                "to make joint action more effective and credible."
                            ),
                            "body": (
                                "The revised Guidelines cover cooperation in normal times, in the "
                                "event of an armed attack on Japan, and in situations in areas "
                                "surrounding Japan."
                            ),
                            "photos": [],
                        },
                        {
                            "key": "surrounding-areas-law-1999",
                            "title": ("Law on situations in the areas surrounding Japan passed"),
                            "starts_on": datetime.date(1999, 1, 1),
                            "date_precision": "year",
                            "start_time": None,
                            "ends_on": None,
                            "location": "Tokyo",
                            "participants": "",
                            "summary": (
                                "Japan passed a law to put the revised defense cooperation Guidelines into effect."
                            ),
                            "body": (
                                "The Law Relating to Measures for Preserving the Peace and Security "
                                "of Japan in the Event of a Situation in the Areas Surrounding Japan "
                                "helps make the 1997 Guidelines effective."
                            ),
                            "photos": [],
                        },
                        {
                            "key": "ship-inspection-law-2000",
                            "title": "Ship Inspection Operations Law passed",
                            "starts_on": datetime.date(2000, 1, 1),
                            "date_precision": "year",
                            "start_time": None,
                            "ends_on": None,
                            "location": "Tokyo",
                            "participants": "",
                            "summary": ("A second law supporting the revised Guidelines was passed in Japan."),
                            "body": (
                                "The Ship Inspection Operations Law completed the legislation "
                                "needed to implement the 1997 Guidelines."
                            ),
                            "photos": [],
                        },
                    ],
                    "children": [],
                },
                {
                    "title": "Realignment of U.S. Forces and \u201c2+2\u201d Meetings",
                    "slug": "realignment-2-plus-2",
                    "summary": (
                        "Through a series of \u201c2+2\u201d meetings, the two governments agreed on "
                        "a realignment that strengthens the alliance while easing the burden on "
                        "local communities."
                    ),
                    "body": (
                        "For U.S. Forces in Japan to operate smoothly, their activities must "
                        "disturb people living near U.S. facilities and areas as little as "
                        "possible. The U.S. Government has stressed \u201cgood neighbor\u201d "
                        "relations between its forces and local residents, and the two governments "
                        "work closely on measures that support U.S. operations while lightening "
                        "the load on host communities \u2014 above all in Okinawa, which hosts a "
                        "large share of U.S. facilities and areas.\n\n"
                        "In June 2002, President Bush and then-Prime Minister Koizumi decided to "
                        "deepen security dialogue at several levels to chart future cooperation. "
                        "The December 2002 \u201c2+2\u201d meeting \u2014 the U.S.-Japan Security "
                        "Consultative Committee (SCC), in which the heads of Japan's Foreign Ministry "
                        "and Defense Agency meet their U.S. counterparts \u2014 confirmed that "
                        "bilateral cooperation would keep growing, including efforts to ease "
                        "Okinawa's burden.\n\n"
                        "In November 2003, President Bush said the United States was reviewing its "
                        "worldwide military posture to reflect a changed security environment, and "
                        "wanted closer talks with allies and friends about its forces abroad. Japan "
                        "and the United States have since consulted on that review many times:\n\n"
                        "- **February 19, 2005:** the \u201c2+2\u201d called for continued work on "
                        "good relations between U.S. Forces and local communities. It stressed that "
                        "a stable U.S. presence depends on applying the Status of Forces Agreement "
                        "(SOFA) better, with due care for the environment, and on carrying out the "
                        "Special Action Committee on Okinawa (SACO) Final Report steadily.\n"
                        "- **October 29, 2005:** after consultations aimed at keeping the "
                        "alliance's deterrence and capabilities while easing burdens around U.S. "
                        "bases, the \u201c2+2\u201d agreed to speed up moving the U.S. Marine "
                        "Corps' Futenma Air Station.\n"
                        "- **May 1, 2006:** the \u201c2+2\u201d approved how the October 2005 "
                        "realignment initiatives would be carried out, as set out in the "
                        "\u201cUnited States-Japan Roadmap for Realignment Implementation\u201d "
                        "(\u201cRoadmap\u201d). Both sides saw the plan as opening a new phase of "
                        "alliance cooperation: it strengthens their commitments under the Security "
                        "Treaty while reducing the burden on local communities, Okinawa included, "
                        "which should build public support for the alliance. Noting the Japanese "
                        "Government's coordination with those communities, they confirmed the plan "
                        "was feasible and pledged to complete it fully and on time, in line with the "
                        "Treaty and related arrangements.\n"
                        "- **May 1, 2007:** SCC members reaffirmed that the \u201cRoadmap\u201d "
                        "would be implemented steadily, and that completing the Futenma Replacement "
                        "Facility, as the Roadmap lays out, is essential to realigning forces in Okinawa "
                        "successfully and on schedule. The results were recorded in the "
                        "\u201cJoint Statement of the Security Consultative Committee Alliance "
                        "Transformation: Advancing United States-Japan Security and Defense "
                        "Cooperation.\u201d\n\n"
                        "Taken together, the \u201c2+2\u201d documents lay out shared steps to make "
                        "the alliance more capable. They amount to one of the largest reshapings of "
                        "the alliance to date, aimed at making it quicker to respond to new security "
                        "challenges and more effective in the years ahead."
                    ),
                    "photos": [],
                    "links": [
                        {
                            "title": (
                                "Ministry of Foreign Affairs: Japan-U.S. Security Consultative "
                                "Committee (\u201c2+2\u201d)"
                            ),
                            "url": "http://www.mofa.go.jp/region/n-america/us/security/scc/index.html",
                        },
                    ],
                    "events": [
                        {
                            "key": "koizumi-bush-security-dialogue-2002",
                            "title": "Koizumi and Bush agree to strengthen security dialogue",
                            "starts_on": datetime.date(2002, 6, 1),
                            "date_precision": "month",
                            "start_time": None,
                            "ends_on": None,
                            "location": "",
                            "participants": "Prime Minister Koizumi (Japan), President Bush (United States)",
                            "summary": (
                                "The two leaders agreed to deepen security dialogue at various "
                                "levels to guide future cooperation."
                            ),
                            "body": (
                                "President Bush and Prime Minister Koizumi decided to step up "
                                "security dialogue in order to set the course of future security "
                                "cooperation."
                            ),
                            "photos": [],
                        },
                        {
                            "key": "two-plus-two-2002-12",
                            "title": "\u201c2+2\u201d meeting (Security Consultative Committee)",
                            "starts_on": datetime.date(2002, 12, 16),
                            "date_precision": "month",
                            "start_time": None,
                            "ends_on": None,
                            "location": "Washington, D.C.",
                            "participants": "",
                            "summary": (
                                "The SCC confirmed continued bilateral cooperation, including on "
                                "reducing the burden on the people of Okinawa."
                            ),
                            "body": (
                                "Japan's foreign and defense chiefs and their U.S. counterparts "
                                "agreed to keep strengthening cooperation, including work to ease "
                                "Okinawa's burden."
                            ),
                            "photos": [],
                        },
                        {
                            "key": "global-posture-review-2003",
                            "title": "President Bush announces review of U.S. global military posture",
                            "starts_on": datetime.date(2003, 11, 1),
                            "date_precision": "month",
                            "start_time": None,
                            "ends_on": None,
                            "location": "",
                            "participants": "President Bush (United States)",
                            "summary": (
                                "The United States began reviewing its overseas force posture and "
                                "sought closer dialogue with allies."
                            ),
                            "body": (
                                "President Bush said the review responded to the new security "
                                "environment; Japan and the United States have consulted on it "
                                "on many occasions since."
                            ),
                            "photos": [],
                        },
                        {
                            "key": "two-plus-two-2005-02-19",
                            "title": "\u201c2+2\u201d meeting (Security Consultative Committee)",
                            "starts_on": datetime.date(2005, 2, 19),
                            "date_precision": "day",
                            "start_time": None,
                            "ends_on": None,
                            "location": "Washington, D.C.",
                            "participants": "",
                            "summary": (
                                "The SCC stressed good relations between U.S. Forces and local communities in Japan."
                            ),
                            "body": (
                                "The meeting highlighted better implementation of the SOFA with "
                                "due regard for the environment, and steady progress on the SACO "
                                "Final Report."
                            ),
                            "photos": [],
                        },
                        {
                            "key": "two-plus-two-2005-10-29",
                            "title": "\u201c2+2\u201d meeting (Security Consultative Committee)",
                            "starts_on": datetime.date(2005, 10, 29),
                            "date_precision": "day",
                            "start_time": None,
                            "ends_on": None,
                            "location": "Washington, D.C.",
                            "participants": "",
                            "summary": ("The SCC agreed to accelerate the relocation of Futenma Air Station."),
                            "body": (
                                "Consultations on keeping deterrence while easing local burdens led "
                                "to agreement on a faster relocation of the U.S. Marine Corps' "
                                "Futenma Air Station."
                            ),
                            "photos": [],
                        },
                        {
                            "key": "two-plus-two-2006-05-01",
                            "title": "\u201c2+2\u201d meeting approves the realignment \u201cRoadmap\u201d",
                            "starts_on": datetime.date(2006, 5, 1),
                            "date_precision": "day",
                            "start_time": None,
                            "ends_on": None,
                            "location": "Washington, D.C.",
                            "participants": "",
                            "summary": (
                                "The SCC approved the \u201cUnited States-Japan Roadmap for "
                                "Realignment Implementation.\u201d"
                            ),
                            "body": (
                                "The \u201cRoadmap\u201d details how the October 2005 realignment "
                                "initiatives are to be carried out, and both governments committed "
                                "to completing it on time."
                            ),
                            "photos": [],
                        },
                        {
                            "key": "two-plus-two-2007-05-01",
                            "title": "\u201c2+2\u201d meeting (Security Consultative Committee)",
                            "starts_on": datetime.date(2007, 5, 1),
                            "date_precision": "day",
                            "start_time": None,
                            "ends_on": None,
                            "location": "Washington, D.C.",
                            "participants": "",
                            "summary": (
                                "The SCC reaffirmed steady implementation of the realignment \u201cRoadmap.\u201d"
                            ),
                            "body": (
                                "Members named the Futenma Replacement Facility as the key to the "
                                "Okinawa realignment. Results were set out in the \u201cJoint "
                                "Statement of the Security Consultative Committee Alliance "
                                "Transformation: Advancing United States-Japan Security and "
                                "Defense Cooperation.\u201d"
                            ),
                            "photos": [],
                        },
                    ],
                    "children": [],
                },
                {
                    "title": "Ballistic Missile Defense (BMD)",
                    "slug": "bmd",
                    "summary": (
                        "Japan and the United States research missile defense together, and "
                        "Japan has fielded its own multi-tiered BMD system."
                    ),
                    "body": (
                        "Japan and the United States have researched ballistic missile defense "
                        "(BMD) jointly since 1998. Citing the spread of ballistic missiles and "
                        "weapons of mass destruction, Japan decided in December 2003 to introduce "
                        "a multi-tiered system: the Aegis BMD System plus the Patriot PAC-3 "
                        "system (not necessarily the system under joint research).\n"
                        "\n"
                        "On December 17, 2007, the upgraded Aegis Japan Defense Ship (JDS) KONGO, "
                        "armed with the Standard Missile-3 (SM-3) Block IA, hit a ballistic "
                        "missile target above the atmosphere in an SM-3 flight test off Kauai "
                        "Island, Hawaii. As of February 2009, Japan has two Aegis BMD-capable "
                        "destroyers."
                    ),
                    "photos": [],
                    "links": [
                        {
                            "title": "Ministry of Foreign Affairs: Japan-U.S. Security Arrangements",
                            "url": "http://www.mofa.go.jp/region/n-america/us/security/index.html",
                        },
                        {
                            "title": "Ministry of Defense",
                            "url": "http://www.mod.go.jp/e/index_.htm",
                        },
                    ],
                    "events": [
                        {
                            "key": "bmd-joint-research-1998",
                            "title": "Japan-U.S. joint research on ballistic missile defense begins",
                            "starts_on": datetime.date(1998, 1, 1),
                            "date_precision": "year",
                            "start_time": None,
                            "ends_on": None,
                            "location": "",
                            "participants": "",
                            "summary": "The two countries started joint research on BMD.",
                            "body": (
                                "Japan and the United States began joint research on ballistic "
                                "missile defense; the work was still under way in 2009."
                            ),
                            "photos": [],
                        },
                        {
                            "key": "bmd-decision-2003",
                            "title": "Japan decides to introduce a multi-tiered BMD system",
                            "starts_on": datetime.date(2003, 12, 1),
                            "date_precision": "month",
                            "start_time": None,
                            "ends_on": None,
                            "location": "Tokyo",
                            "participants": "",
                            "summary": (
                                "The Japanese Government chose a layered defense combining the "
                                "Aegis BMD System with the Patriot PAC-3 system."
                            ),
                            "body": (
                                "Concern over the spread of ballistic missiles and weapons of "
                                "mass destruction prompted the decision."
                            ),
                            "photos": [],
                        },
                        {
                            "key": "kongo-sm3-test-2007",
                            "title": "JDS KONGO SM-3 flight test",
                            "starts_on": datetime.date(2007, 12, 17),
                            "date_precision": "day",
                            "start_time": None,
                            "ends_on": None,
                            "location": "Off Kauai Island, Hawaii",
                            "participants": "",
                            "summary": (
                                "In an SM-3 test, the Aegis destroyer JDS KONGO hit a ballistic "
                                "missile target above the atmosphere."
                            ),
                            "body": (
                                "Upgraded for BMD operations and armed with the SM-3 Block IA, the "
                                "JDS KONGO successfully hit its target in a flight test off Kauai "
                                "Island."
                            ),
                            "photos": [],
                        },
                    ],
                    "children": [],
                },
            ],
        },
        # ------------------------------------------------------------------
        # 3. Japan-U.S. Economic Relations
        # ------------------------------------------------------------------
        {
            "title": "Japan-U.S. Economic Relations",
            "slug": "economic",
            "summary": ("Trade, investment and policy dialogue link the two largest economies in the world."),
            "body": (
                "Japan and the United States are among each other's most important economic "
                "partners. This section describes the shape of that relationship and its "
                "direction under the new U.S. administration."
            ),
            "photos": [],
            "links": [],
            "events": [],
            "children": [
                {
                    "title": "Overview",
                    "slug": "economic-overview",
                    "summary": (
                        "Economic ties have moved from friction to cooperation, backed by "
                        "heavy trade, mutual investment and regular dialogue."
                    ),
                    "body": (
                        "Constructive dialogue has turned economic \u201cfriction\u201d into \u201ccooperation,\u201d "
                        "helped by Japan's smaller share of the U.S. trade deficit, more mutual "
                        "investment, deeper interdependence and the WTO dispute settlement "
                        "mechanism.\n"
                        "\n"
                        "The United States ranks second among Japan's trading partners: in 2007 "
                        "it supplied 11.4% of Japan's imports and took 20.1% of its exports. In "
                        "2006 Japan accounted for 8.0% of U.S. imports and 5.8% of U.S. exports. "
                        "Outside NAFTA (North American Free Trade Agreement), Japan is the second "
                        "largest U.S. trading partner, and it buys more U.S. farm products than "
                        "any country but China. Japanese foreign direct investment in the United "
                        "States totaled $2336 billion in 2007, and Japanese companies created "
                        "almost 691,400 U.S. jobs in 2006, the third most after the UK and "
                        "Germany.\n"
                        "\n"
                        "Sharing approximately 33% of world GDP, the two economies bear major "
                        "responsibility for global growth and stability, and growing "
                        "interdependence brings both opportunities and challenges. In June 2001 "
                        "they launched the \u201cU.S.-Japan Economic Partnership for Growth\u201d to "
                        "promote sustainable growth at home and worldwide. It addresses "
                        "macroeconomic policy, trade, investment, regulation and finance through "
                        "dialogue at many levels, including the Sub-Cabinet Economic Dialogue. "
                        "Under its Regulatory Reform and Competition Policy Initiative, frank "
                        "exchanges have advanced deregulation, competition and market access (see "
                        "the Recommendations by the Government of Japan to the U.S. Government in "
                        "October 2007 [PDF])."
                    ),
                    "photos": [
                        {
                            "key": "world-gdp-2007",
                            "caption": "World GDP in 2007",
                            "credit": "Figure: Embassy of Japan",
                            "alt": (
                                "Chart showing each economy's share of world GDP in 2007, with "
                                "Japan and the United States together making up about a third"
                            ),
                            "taken_on": None,
                            "kind": "chart",
                        },
                    ],
                    "links": [],
                    "events": [
                        {
                            "key": "economic-partnership-for-growth-2001",
                            "title": "\u201cU.S.-Japan Economic Partnership for Growth\u201d launched",
                            "starts_on": datetime.date(2001, 6, 1),
                            "date_precision": "month",
                            "start_time": None,
                            "ends_on": None,
                            "location": "",
                            "participants": "",
                            "summary": (
                                "Japan and the United States set up a framework for economic "
                                "dialogue aimed at sustainable growth."
                            ),
                            "body": (
                                "The Partnership covers macroeconomic policy, trade, investment, "
                                "regulation and finance, and created forums including the "
                                "Sub-Cabinet Economic Dialogue and the Regulatory Reform and "
                                "Competition Policy Initiative."
                            ),
                            "photos": [],
                        },
                    ],
                    "children": [],
                },
                {
                    "title": "Japan-US Relationship under the new US Administration",
                    "slug": "new-administration",
                    "summary": (
                        "An advisory panel proposed a course for economic ties under the Obama "
                        "administration as Japan's economy showed a moderate recovery."
                    ),
                    "body": (
                        "On January 29, 2009, Foreign Minister Nakasone received from members of "
                        "\u201cThe Advisory Panel for the coming global economy and the Japan-U.S. "
                        "economic relationship\u201d their report, \u201cProposal for the construction of "
                        "the future Japan-U.S. economic relationship under the new U.S. "
                        "administration,\u201d offering ideas for economic diplomacy toward the Obama "
                        "administration. The same day, President Obama and Prime Minister Aso "
                        "agreed to cooperate closely on the financial and global economic "
                        "situation.\n"
                        "\n"
                        "Although growth in the 1990s was Japan's slowest since World War II, its "
                        "long-term outlook is seen as promising, and recent data show moderate "
                        "recovery. Real GDP grew at an annual rate of 2.4% in 2006 (1.4% "
                        "nominal). Non-performing loans (NPLs) at the major banks fell to 1.5% of "
                        "outstanding loans as of March 2007, from 8.4% in March 2002 (the "
                        "government's goal had been the 4% level by March 2005). Unemployment "
                        "fell to 3.9% in 2007, near a ten-year low."
                    ),
                    "photos": [],
                    "links": [
                        {
                            "title": (
                                "Ministry of Foreign Affairs: Proposal for the construction of the "
                                "future Japan-U.S. economic relationship under the new U.S. "
                                "administration (PDF)"
                            ),
                            "url": "http://www.mofa.go.jp/region/n-america/us/economy/proposal0901.pdf",
                        },
                        {
                            "title": (
                                "Embassy of Japan to the United States of America : Japan\u2019s economic statistics"
                            ),
                            "url": "http://www.us.emb-japan.go.jp/english/html/profile/statistics.htm",
                        },
                    ],
                    "events": [
                        {
                            "key": "advisory-panel-report-2009",
                            "title": "Advisory Panel presents its proposal to Foreign Minister Nakasone",
                            "starts_on": datetime.date(2009, 1, 29),
                            "date_precision": "day",
                            "start_time": None,
                            "ends_on": None,
                            "location": "Tokyo",
                            "participants": (
                                "Hirofumi Nakasone (Minister for Foreign Affairs of Japan), "
                                "members of the Advisory Panel for the coming global economy "
                                "and the Japan-U.S. economic relationship"
                            ),
                            "summary": (
                                "The Foreign Minister received the panel's proposals on economic "
                                "ties with the new U.S. administration."
                            ),
                            "body": (
                                "The report, \u201cProposal for the construction of the future "
                                "Japan-U.S. economic relationship under the new U.S. "
                                "administration,\u201d sets out ideas for Japan's economic "
                                "diplomacy toward the Obama administration."
                            ),
                            "photos": [],
                        },
                    ],
                    "children": [],
                },
            ],
        },
        # ------------------------------------------------------------------
        # 4. Japan-U.S. Cooperation on Global Issues
        # ------------------------------------------------------------------
        {
            "title": "Japan-U.S. Cooperation on Global Issues",
            "slug": "global-issues",
            "summary": (
                "From counter-terrorism to climate change, Japan and the United States work "
                "side by side on challenges that reach beyond the two countries."
            ),
            "body": (
                "Guided by the idea of a \u201cJapan-U.S. Alliance for Asia and the World,\u201d "
                "the two largest economies \u2014 together approximately 40% of world GDP \u2014 "
                "cooperate closely across many global issues. Recent examples follow."
            ),
            "photos": [],
            "links": [],
            "events": [],
            "children": [
                {
                    "title": "Fight against Terrorism",
                    "slug": "terrorism",
                    "summary": (
                        "Japan has backed U.S.-led counter-terrorism efforts, notably with "
                        "refueling operations in the Indian Ocean."
                    ),
                    "body": (
                        "Since the September 11, 2001 terrorist attacks, Japan has treated "
                        "counter-terrorism as its own fight. Under the \u201cAnti-Terrorism Special "
                        "Measures Law\u201d it dispatched supply ships and destroyers to the Indian "
                        "Ocean, mainly to refuel U.S. and British naval vessels in anti-terrorism "
                        "operations, while the Air Self-Defense Force of Japan provided airlift "
                        "support to U.S. Forces. Such logistic support makes the Japan-U.S. "
                        "Security Arrangements more credible.\n"
                        "\n"
                        "As the international community continues to confront the threats exposed "
                        "by the 9.11 attacks, Japan must play its part. Under Prime Minister "
                        "Fukuda's leadership, the Replenishment Support Special Measures Law was "
                        "enacted on January 11, 2008, letting the Maritime Self Defense Force "
                        "resume refueling in the Indian Ocean."
                    ),
                    "photos": [],
                    "links": [],
                    "events": [
                        {
                            "key": "replenishment-support-law-2008",
                            "title": "Replenishment Support Special Measures Law enacted",
                            "starts_on": datetime.date(2008, 1, 11),
                            "date_precision": "day",
                            "start_time": None,
                            "ends_on": None,
                            "location": "Tokyo",
                            "participants": "Prime Minister Fukuda (Japan)",
                            "summary": (
                                "Japan enacted a law allowing its Maritime Self Defense Force to "
                                "resume refueling in the Indian Ocean."
                            ),
                            "body": (
                                "Passed under Prime Minister Fukuda, the law let Japan resume "
                                "at-sea refueling in support of international anti-terrorism "
                                "operations."
                            ),
                            "photos": [],
                        },
                    ],
                    "children": [],
                },
                {
                    "title": "Iraq",
                    "slug": "iraq",
                    "summary": (
                        "Japan has supported Iraq's recovery with Self-Defense Force missions and "
                        "up to $5 billion in aid."
                    ),
                    "body": (
                        "Iraq's recovery and stability matter for international peace and "
                        "directly for Japan's national interests. Working with the United States "
                        "and the wider international community, Japan acted under the \u201cLaw "
                        "Concerning the Special Measures on Humanitarian and Reconstruction "
                        "Assistance in Iraq\u201d (passed July 26, 2003) and the \u201cBasic Plan regarding "
                        "Response Measures\u201d (December 2003). From 2004 to 2006 it sent "
                        "approximately 5,500 members of the Ground Self-Defense Force in total to "
                        "Samawah, Iraq, to restore water supplies and other utilities and provide "
                        "medical care. The Air Self-Defense Force remains active and has begun "
                        "airlift support to Baghdad and Erbil.\n"
                        "\n"
                        "Japan's recovery aid will reach up to $5 billion: an approved $1.5 "
                        "billion grant for immediate needs and yen loans of up to $3.5 billion "
                        "for the mid-term. The United States has repeatedly thanked Japan for "
                        "this aid and the Self-Defense Forces' work, and wants to keep "
                        "cooperating on Iraq's recovery."
                    ),
                    "photos": [],
                    "links": [],
                    "events": [
                        {
                            "key": "iraq-assistance-law-2003",
                            "title": (
                                "Law Concerning the Special Measures on Humanitarian and "
                                "Reconstruction Assistance in Iraq passed"
                            ),
                            "starts_on": datetime.date(2003, 7, 26),
                            "date_precision": "day",
                            "start_time": None,
                            "ends_on": None,
                            "location": "Tokyo",
                            "participants": "",
                            "summary": (
                                "Japan passed the law under which it sent Self-Defense Force "
                                "personnel to help rebuild Iraq."
                            ),
                            "body": (
                                "The law, together with the Basic Plan approved later that year, "
                                "provided the basis for Japan's humanitarian and reconstruction "
                                "work in Iraq."
                            ),
                            "photos": [],
                        },
                        {
                            "key": "iraq-basic-plan-2003",
                            "title": "\u201cBasic Plan regarding Response Measures\u201d approved",
                            "starts_on": datetime.date(2003, 12, 1),
                            "date_precision": "month",
                            "start_time": None,
                            "ends_on": None,
                            "location": "Tokyo",
                            "participants": "",
                            "summary": ("Japan approved the plan for carrying out its assistance measures in Iraq."),
                            "body": (
                                "The Basic Plan set out how Japan would implement its assistance "
                                "under the Iraq special measures law."
                            ),
                            "photos": [],
                        },
                        {
                            "key": "gsdf-samawah-2004-2006",
                            "title": "Ground Self-Defense Force mission in Samawah, Iraq",
                            "starts_on": datetime.date(2004, 1, 1),
                            "date_precision": "year",
                            "start_time": None,
                            "ends_on": datetime.date(2006, 1, 1),
                            "location": "Samawah, Iraq",
                            "participants": "",
                            "summary": (
                                "About 5,500 Ground Self-Defense Force personnel served in Samawah "
                                "over the course of the mission."
                            ),
                            "body": (
                                "From 2004 to 2006, Japanese personnel restored water supplies and "
                                "other public utilities and provided medical treatment."
                            ),
                            "photos": [],
                        },
                    ],
                    "children": [],
                },
                {
                    "title": "United Nations Reform",
                    "slug": "un-reform",
                    "summary": (
                        "The United States supports Japan's bid to become a permanent member of "
                        "the UN Security Council, and both consult closely on broader UN reform."
                    ),
                    "body": (
                        "Japan seeks reform of the UN as an organization and a more effective, "
                        "more representative Security Council. Washington has long backed Japan's "
                        "bid for a permanent seat, and President Bush reaffirmed this at his "
                        "summit meeting with Prime Minister Fukuda on November 16, 2007.\n"
                        "\n"
                        "The United States also stresses reform of the UN as a whole \u2014 the "
                        "Secretariat and management, human rights, development and peacebuilding "
                        "\u2014 and the two governments consult closely on all of it, Security Council "
                        "reform included."
                    ),
                    "photos": [],
                    "links": [],
                    "events": [
                        {
                            "key": "fukuda-bush-summit-2007",
                            "title": "Japan-U.S. summit: Prime Minister Fukuda and President Bush",
                            "starts_on": datetime.date(2007, 11, 16),
                            "date_precision": "day",
                            "start_time": None,
                            "ends_on": None,
                            "location": "Washington, D.C.",
                            "participants": "Prime Minister Fukuda (Japan), President Bush (United States)",
                            "summary": (
                                "President Bush reaffirmed U.S. support for a permanent Japanese "
                                "seat on the UN Security Council."
                            ),
                            "body": (
                                "The leaders described the alliance as the cornerstone of their "
                                "policies in Asia and vital to addressing global issues. President "
                                "Bush also restated U.S. backing for Japan's bid for a permanent "
                                "Security Council seat."
                            ),
                            "photos": [],
                        },
                    ],
                    "children": [],
                },
                {
                    "title": "Development",
                    "slug": "development",
                    "summary": (
                        "As the world's two largest aid donors, Japan and the United States "
                        "formed a Strategic Development Alliance in 2005."
                    ),
                    "body": (
                        "In September 2005, Secretary of State Rice and then-Foreign Minister "
                        "Machimura issued \u201cJoint Statement: Strategic Development Alliance,\u201d "
                        "launching the U.S.-Japan Strategic Development Alliance and Common "
                        "Development Principles. As the two largest aid donors, they agreed that "
                        "joint work helps developing countries use aid well, and that empowering "
                        "people and communities, good governance, sound democratic institutions "
                        "and political stability underpin sustainable development and poverty "
                        "reduction."
                    ),
                    "photos": [],
                    "links": [],
                    "events": [
                        {
                            "key": "strategic-development-alliance-2005",
                            "title": "\u201cJoint Statement: Strategic Development Alliance\u201d issued",
                            "starts_on": datetime.date(2005, 9, 1),
                            "date_precision": "month",
                            "start_time": None,
                            "ends_on": None,
                            "location": "",
                            "participants": (
                                "Foreign Minister Machimura (Japan), Secretary of State Rice (United States)"
                            ),
                            "summary": (
                                "The two ministers launched the U.S.-Japan Strategic Development "
                                "Alliance and Common Development Principles."
                            ),
                            "body": (
                                "Machimura and Rice agreed that coordinated aid from the two largest "
                                "donors can help developing countries use assistance effectively."
                            ),
                            "photos": [],
                        },
                    ],
                    "children": [],
                },
                {
                    "title": "Global Warming",
                    "slug": "global-warming",
                    "summary": (
                        "Japan and the United States cooperate on climate change through "
                        "consultations, clean technology partnerships and shared long-term goals."
                    ),
                    "body": (
                        "A U.S. climate change policy announced on February 14, 2002 targeted an "
                        "18% cut in greenhouse gas (GHG) emissions per unit GDP by 2012. Japan, "
                        "pursuing its own Kyoto Protocol commitments, has pressed the United "
                        "States on the Protocol's merits, on stronger domestic environmental "
                        "policies and on helping write rules that bring in all major emitters, "
                        "the United States, China and India included.\n"
                        "\n"
                        "Bilateral cooperation spans cabinet-level talks such as the Third High "
                        "Level Consultation of August 7, 2003; working-level talks on (i) science "
                        "and technology, (ii) developing-country issues and (iii) the market "
                        "mechanism; and nuclear energy technology. On July 28, 2005, Japan joined "
                        "the U.S.-initiated \u201cAsia-Pacific Partnership on Clean Development and "
                        "Climate,\u201d which spreads clean, efficient technology sector by sector to "
                        "tackle pollution, energy security and climate change.\n"
                        "\n"
                        "Both countries back the Bali Action Plan adopted at COP 15 in December "
                        "2007. In the \u201cJapan-US Joint Statement on Energy Security, Clean "
                        "Development and Climate Change\u201d (April 27, 2007), the \u201cFact Sheet: "
                        "Japan-US Cooperation on Energy Security, Clean Development and Climate "
                        "Change\u201d (November 16, 2007) and leaders' statements since 2007, they "
                        "committed to:\n"
                        "\n"
                        "- (i) stabilizing atmospheric GHG concentrations at a level that avoids "
                        "dangerous human interference with the climate;\n"
                        "- (ii) advancing the Major Economies Process toward a detailed "
                        "contribution, by 2009, to a global agreement under the United Nations "
                        "Framework Convention on Climate Change (UNFCCC) in which all major "
                        "economies commit to act;\n"
                        "- (iii) leading other major economies in technology research, "
                        "development and deployment, and encouraging them to act; and\n"
                        "- (iv) expanding nuclear energy cooperation under the Global Nuclear "
                        "Energy Partnership (GNEP) and the US-Japan Joint Nuclear Energy Action "
                        "Plan."
                    ),
                    "photos": [],
                    "links": [],
                    "events": [
                        {
                            "key": "us-climate-policy-2002",
                            "title": "United States announces climate change policy",
                            "starts_on": datetime.date(2002, 2, 14),
                            "date_precision": "day",
                            "start_time": None,
                            "ends_on": None,
                            "location": "",
                            "participants": "",
                            "summary": (
                                "The U.S. policy targeted an 18% cut in GHG emissions per unit of GDP by 2012."
                            ),
                            "body": (
                                "The policy set a goal of reducing greenhouse gas emissions "
                                "intensity by 18% by the year 2012."
                            ),
                            "photos": [],
                        },
                        {
                            "key": "third-high-level-consultation-2003",
                            "title": "Third High Level Consultation on climate change",
                            "starts_on": datetime.date(2003, 8, 7),
                            "date_precision": "day",
                            "start_time": None,
                            "ends_on": None,
                            "location": "",
                            "participants": "",
                            "summary": (
                                "Japan and the United States held cabinet-level consultations on climate change."
                            ),
                            "body": (
                                "The meeting is one of the cabinet-level consultations through "
                                "which the two countries cooperate on global warming."
                            ),
                            "photos": [],
                        },
                        {
                            "key": "asia-pacific-partnership-2005",
                            "title": ("\u201cAsia-Pacific Partnership on Clean Development and Climate\u201d launched"),
                            "starts_on": datetime.date(2005, 7, 28),
                            "date_precision": "day",
                            "start_time": None,
                            "ends_on": None,
                            "location": "",
                            "participants": "",
                            "summary": ("The United States launched the partnership, and Japan joined it."),
                            "body": (
                                "The partnership promotes clean, efficient technology in individual "
                                "sectors to address pollution, energy security and climate change."
                            ),
                            "photos": [],
                        },
                        {
                            "key": "energy-climate-joint-statement-2007",
                            "title": (
                                "\u201cJapan-US Joint Statement on Energy Security, Clean "
                                "Development and Climate Change\u201d issued"
                            ),
                            "starts_on": datetime.date(2007, 4, 27),
                            "date_precision": "day",
                            "start_time": None,
                            "ends_on": None,
                            "location": "",
                            "participants": "",
                            "summary": (
                                "The two governments set out shared goals on energy security and climate change."
                            ),
                            "body": (
                                "The statement records the long-term climate and energy objectives "
                                "that Japan and the United States have in common."
                            ),
                            "photos": [],
                        },
                        {
                            "key": "energy-climate-fact-sheet-2007",
                            "title": (
                                "\u201cFact Sheet: Japan-US Cooperation on Energy Security, Clean "
                                "Development and Climate Change\u201d issued"
                            ),
                            "starts_on": datetime.date(2007, 11, 16),
                            "date_precision": "day",
                            "start_time": None,
                            "ends_on": None,
                            "location": "",
                            "participants": "",
                            "summary": ("A fact sheet described Japan-US cooperation on energy and climate."),
                            "body": (
                                "The fact sheet reaffirmed the two countries' shared objectives on "
                                "energy security, clean development and climate change."
                            ),
                            "photos": [],
                        },
                        {
                            "key": "bali-action-plan-2007",
                            "title": "Bali Action Plan adopted",
                            "starts_on": datetime.date(2007, 12, 1),
                            "date_precision": "month",
                            "start_time": None,
                            "ends_on": None,
                            "location": "",
                            "participants": "",
                            "summary": (
                                "The Bali Action Plan, to which Japan and the United States are "
                                "committed, was adopted at COP 15."
                            ),
                            "body": (
                                "Japan and the United States have both committed themselves to the "
                                "plan adopted at the December 2007 conference."
                            ),
                            "photos": [],
                        },
                    ],
                    "children": [],
                },
            ],
        },
    ],
}

# Footer pages (legal links point at these pages of the tree). Same shape as PAGE but no
# children needed.
LEGAL_PAGES = [
    {
        "title": "Legal Matters",
        "slug": "legal-matters",
        "publisher": "Embassy of Japan",
        "dated": None,
        "date_precision": "day",
        "summary": "Terms for using the text, photographs and other material on this site.",
        "body": (
            "The text, photographs and other material on this site are provided for general "
            "information. Unless stated otherwise, text may be quoted or reproduced for "
            "non-commercial purposes, provided the Embassy of Japan is clearly credited as the "
            "source. Photographs and figures credited to others remain the property of their "
            "owners and may not be reused without their permission.\n\n"
            "The embassy takes care to keep information accurate but cannot guarantee that it is "
            "complete or up to date, and it is not responsible for the content of other sites "
            "referred to on these pages."
        ),
        "photos": [],
        "links": [],
        "events": [],
        "children": [],
    },
    {
        "title": "About Accessibility",
        "slug": "accessibility",
        "publisher": "Embassy of Japan",
        "dated": None,
        "date_precision": "day",
        "summary": "How this site aims to be usable by as many visitors as possible.",
        "body": (
            "We want this site to work for everyone, including people who use screen readers, "
            "navigate by keyboard or enlarge text. Images carry text descriptions, pages use a "
            "clear heading structure, and text is set in colors with sufficient contrast.\n\n"
            "If any part of the site is difficult to use, please contact the embassy at the "
            "address or telephone number shown at the foot of each page."
        ),
        "photos": [],
        "links": [],
        "events": [],
        "children": [],
    },
    {
        "title": "Privacy Policy",
        "slug": "privacy-policy",
        "publisher": "Embassy of Japan",
        "dated": None,
        "date_precision": "day",
        "summary": "What information this site collects and how the embassy uses it.",
        "body": (
            "Visitors do not need to provide any personal information to read this site. Like "
            "most web servers, ours may log technical details such as IP addresses, browser type "
            "and the pages requested; these records are used only to run and improve the site.\n\n"
            "Personal information you choose to send to the embassy, for example in an inquiry, "
            "is used only to respond to you and is not passed to third parties except where the "
            "law requires it."
        ),
        "photos": [],
        "links": [],
        "events": [],
        "children": [],
    },
]

SITE_SETTINGS = {
    "embassy_name": "Embassy of Japan in the United States of America",
    "address": "2520 Massachusetts Avenue, N.W.\nWashington, DC 20008",
    "phone_lines": [
        {"label": "Main", "telephone": "202-238-6700", "fax": "202-328-2187"},
        {"label": "Visa", "telephone": "202-238-6800", "fax": "202-328-2184"},
    ],
    "copyright_line": "Copyright (C): 2012 Embassy of Japan in the United States",
    "footer_links": ["legal-matters", "accessibility", "privacy-policy"],
}
