#!/usr/bin/env python3
"""Writes examples/articles.jsonl: a small, made-up news corpus that exercises
every news-tools stage. All people, places and events here are invented.

Run: python3 examples/make_articles.py > examples/articles.jsonl
"""
import json

WIRE = [
    "HARWICK, Vellmark (Northport Wire) — Floodwater from the swollen River Vell closed the Harwick quarry road on Tuesday, cutting off about 400 homes on the east bank, the town council said.",
    "Mayor Ines Calder told reporters that the retaining wall above the road had collapsed twice since March and that engineers would not let traffic back until it was inspected.",
    "“We are not going to gamble with people’s lives,” Calder said. “The road stays shut until Dr. Tomas Brandt and his team sign it off.”",
    "Brandt, the council’s chief engineer, said the inspection would take at least nine days. He estimated the repair at 2.4 million krona, roughly half of this year’s roads budget.",
    "The Vellmark Red Cross opened a shelter at St. Aldric’s School for residents who cannot reach the town centre. A ferry run by Port Elling Lines will carry commuters across the river from Wednesday.",
    "The Vell rose 3.1 metres in 48 hours after the heaviest October rainfall recorded in the region since 1987, according to the Vellmark Weather Office.",
]
WIRE_TITLE = "Flooding closes Harwick quarry road, cuts off 400 homes"

FERRY_A = [
    "Port Elling Lines crews walked off the job on Thursday morning, halting all ferry crossings on the Vell estuary for the first time in eleven years.",
    "The Maritime Workers Union said its 230 members would strike for 48 hours over a pay offer it called “an insult”.",
    "Company spokesman Piet Aramayo said management had offered a 4.5% raise and was ready to talk “at any hour”.",
    "Commuters from Harwick, who have relied on the ferry since floods closed the quarry road, were told to use the inland bridge at Marrow Ford instead.",
]
FERRY_B = [
    "Ferry services across the Vell estuary came to a standstill on Thursday as deckhands and engineers of Port Elling Lines began a two-day walkout.",
    "Union leader Halvard Ness said the company had refused to match inflation. “Our members keep this region moving, and they deserve better,” Ness said outside the Port Elling terminal.",
    "The operator, which carries about 9,000 passengers a day, said it regretted the disruption. Talks are due to resume on Monday in Northport.",
]

def rec(id, text, title=None, source=None, url=None, published=None, **extra):
    r = {"id": id}
    if title is not None:
        r["title"] = title
    if source is not None:
        r["source"] = source
    if url is not None:
        r["url"] = url
    if published is not None:
        r["published"] = published
    r.update(extra)
    r["text"] = text
    return r

def para(ps):
    return "\n\n".join(ps)

def ptb_lower(ps):
    """A crude Penn Treebank tokenization, lowercased, one paragraph a line."""
    out = []
    for p in ps:
        t = p.replace("“", " `` ").replace("”", " '' ").replace("’s", " 's").replace("’", " ' ")
        for ch in ",.;:?!()":
            t = t.replace(ch, f" {ch} ")
        t = t.replace(" ( ", " -lrb- ").replace(" ) ", " -rrb- ")
        t = t.replace("n't", " n't").replace("2 . 4", "2.4").replace("3 . 1", "3.1").replace("dr . ", "dr. ").replace("st . ", "st. ")
        out.append(" ".join(t.lower().split()))
    return "\n".join(out)

records = [
    rec("wire-001", para([WIRE_TITLE] + WIRE), title=WIRE_TITLE, source="Northport Wire",
        url="https://wire.example/harwick-flood", published="2030-10-15T09:12:00Z",
        metadata={"desk": "regional", "lang": "en"}),
    rec("post-harwick", para([
        "Home › News › Vellmark",
        WIRE_TITLE,
        "By Northport Wire staff",
        "Published October 15, 2030 11:40 AM",
        "Share on Facebook Share on X Share via Email",
    ] + WIRE + [
        "Related",
        "Harwick council approves new flood barrier plan",
        "River Vell levels: what the warnings mean",
        "© 2030 Harwick Post. All rights reserved.",
    ]), source="Harwick Post", url="https://harwickpost.example/news/quarry-road", published="2030-10-15T11:40:00Z"),
    rec("post-valley", para([
        "We use cookies to improve your experience on our site. By continuing to browse you agree to our cookie policy.",
        WIRE_TITLE,
        WIRE[0],
        "Advertisement",
        WIRE[1],
        "Photo: Lena Sorvik/Valley Daily",
        "Mayor Ines Calder said the retaining wall above the road had collapsed twice since March",
    ] + WIRE[2:] + [
        "Leave a comment",
        "Your email address will not be published. Required fields are marked *",
        "Marta Quell writes about local government for the Valley Daily. Follow her on X @mquell.",
    ]), title=WIRE_TITLE, source="Valley Daily", published="2030-10-15T13:05:00Z"),
    rec("post-riverside", "\n".join([
        "Flooding closes Harwick quarry road, cuts off 400 homes",
        "",
        WIRE[0].replace("—", "â€”"),
        WIRE[1].replace(" ", "\u00a0", 3),
        WIRE[2].replace("“", "&ldquo;").replace("”", "&rdquo;").replace("’", "&#8217;"),
        "[youtube Xq3vELLfld8 650]",
        WIRE[3].replace("’", "â€™"),
        WIRE[4].replace("St. Aldric’s", "St. Aldric&#8217;s"),
        WIRE[5],
        "Sign up for our newsletter and get the day’s top stories in your inbox.",
        "More from Riverside Gazette",
    ]), source="Riverside Gazette", published="2030-10-16T07:30:00Z"),
    rec("post-trimmed", para(WIRE[:3]), title="Harwick quarry road shut by floods",
        source="Vell Valley Radio", published="2030-10-15T10:02:00Z"),
    rec("roundup-morning", para([
        "Morning briefing: the stories you need today",
        "Good morning. Here is what is happening across Vellmark.",
    ] + WIRE + [
        "Kestrel FC lifted the Vellmark Cup on Sunday, beating Northport Athletic 2–1 after extra time in front of 14,000 fans at Gallow Park.",
        "Solvane Labs said it would recall 12,000 portable battery packs after reports that some overheated while charging.",
    ]), title="Morning briefing", source="Vellmark Today", published="2030-10-16T06:00:00Z"),
    rec("ferry-strike-a", para(["Ferry strike halts Vell estuary crossings"] + FERRY_A), title="Ferry strike halts Vell estuary crossings",
        source="Northport Wire", published="2030-10-17T08:15:00Z"),
    rec("ferry-strike-b", para(FERRY_B), title="Port Elling ferry crews begin 48-hour walkout",
        source="Estuary Herald", published="2030-10-17T10:45:00Z"),
    rec("dump-lower", ptb_lower(WIRE), source="research-dump"),
    rec("battery-recall", para([
        "Solvane Labs recalls 12,000 battery packs",
        "Solvane Labs, the Northport electronics maker, said on Friday it would recall 12,000 portable battery packs sold since June after customers reported that some overheated while charging.",
        "Chief executive Dana Whitlock said no injuries had been reported. “Recalling them is the right thing to do,” she said in a statement.",
        "Customers can return the packs, model SL-20, to any retailer for a full refund, the company said. Its shares fell 3% in Northport trading.",
    ]), source="Northport Business Journal", published="2030-10-18T14:20:00Z"),
    rec("cup-final", para([
        "Kestrel FC win Vellmark Cup in extra time",
        "Kestrel FC won the Vellmark Cup for the first time since 2011, beating Northport Athletic 2–1 after extra time at Gallow Park on Sunday.",
        "Striker Jonah Ebrill scored the winner in the 112th minute, turning in a low cross from captain Rui Vasquez.",
        "“This is for the fans who stayed with us in the bad years,” manager Elsa Korhonen said.",
    ]), source="Vellmark Sport", published="2030-10-13T19:55:00Z"),
    rec("flood-marrow-2029", para([
        "Floods close Marrow Ford bridge",
        "The Marrow Ford bridge over the River Vell was closed on Saturday after floodwater damaged one of its piers, the regional roads agency said.",
        "About 150 vehicles a day use the bridge. Drivers were told to detour through Harwick, adding about 40 minutes to the journey.",
        "The agency said the bridge, built in 1954, would stay closed for at least three weeks.",
    ]), source="Vellmark Today", published="2029-11-02T09:00:00Z"),
    rec("health-geneva", para([
        "Clinic network expands to three more towns",
        "The Vellmark Health Trust said on Wednesday it would open clinics in Harwick, Port Elling and Marrow Ford next spring, with support from the World Health Organization’s regional office in Copenhagen.",
        "“People should not have to travel two hours to see a nurse,” said Dr. Amara Okoye, the trust’s medical director. The U.N. agency will train 40 nurses for the new sites.",
    ]).replace("’", "&rsquo;"), source="Vellmark Today", published="2030-10-19T08:00:00Z"),
]

for r in records:
    print(json.dumps(r, ensure_ascii=False))
