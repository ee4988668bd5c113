"""Composes composed.txt: role-corpus postings from hand-written parts.

Each archetype has its own titles, openings, duties, requirements and
nice-to-haves; a posting draws from them, and from shared company
introductions and benefits, and is laid out in one of several ways real
boards use. Its expected openstack and python levels come with the parts
that mention them. Run: python3 compose.py > composed.txt
"""
import random

rnd = random.Random(16)

COMPANIES = ["Arcwell", "Borealis Data", "Cairn Networks", "Deltaform", "Eastgate Bank", "Fjordline", "Gridwise Energy",
             "Halden Telecom", "Ivory Logistics", "Juno Health", "Kettle Games", "Lumina Retail", "Meridian Insurance",
             "Northwind Research", "Orbis Mobility", "Pinecrest University", "Quanta Media", "Redshift Labs",
             "Solace Software", "Tessel Systems", "Umber Analytics", "Vantor Telecom", "Westmark Public Cloud", "Yarrow AI"]

INTROS = [
    "{c} was founded in {y} and today serves customers in {n} countries.",
    "At {c} we build software that {n} thousand people use every day.",
    "{c} is a {n}-person company headquartered in Berlin with teams across Europe.",
    "We are {c}, a profitable, employee-owned company that has been growing steadily since {y}.",
    "{c} helps mid-sized businesses run their operations with less paperwork.",
    "Join {c}! We are on a mission to make infrastructure boring again.",
    "{c} is part of a larger group with {n} subsidiaries, and our IT is shared across all of them.",
    "",
]

BENEFITS = [
    ["{d} days of paid holiday", "Private health insurance", "A yearly learning budget"],
    ["Fully remote within Europe", "Home office allowance", "Company retreats twice a year"],
    ["Hybrid work, two office days a week", "Pension scheme", "Bike leasing"],
    ["Competitive salary and equity", "401(k) with match", "Parental leave of {w} weeks"],
    ["Flexible working hours", "Job ticket", "Free lunch on Fridays"],
    ["Conference budget", "Latest hardware of your choice", "{d} days of holiday plus your birthday off"],
]

HEADINGS = {
    "duties": ["What you'll do", "Responsibilities", "Your responsibilities", "Your tasks", "In this role you will",
               "What you will be doing", "The role", "Key responsibilities", "Day to day"],
    "reqs": ["Requirements", "What we're looking for", "About you", "Your profile", "Qualifications",
             "What you bring", "Must have", "Who you are", "You have"],
    "nice": ["Nice to have", "Bonus points", "Nice-to-haves", "Preferred qualifications", "It would be great if you have",
             "Extra credit"],
    "benefits": ["Benefits", "What we offer", "Perks", "Why join us", "We offer"],
}

# Archetypes: (name, count, openstack level, python level choices, parts).
# Parts carry their mentions; levels are what the whole posting should get.
ARCH = {}

ARCH["os_operator"] = dict(
    count=20, openstack="core",
    titles=["Cloud Infrastructure Engineer", "Private Cloud Engineer", "OpenStack Engineer", "Senior OpenStack Engineer",
            "Cloud Operations Engineer", "Infrastructure Engineer, Private Cloud", "Site Reliability Engineer (OpenStack)",
            "Cloud Platform Engineer", "Systems Engineer - IaaS", "OpenStack Administrator", "Lead Cloud Engineer",
            "Virtualization Engineer"],
    openings=["We run our own OpenStack cloud across {n} data centres and are hiring an engineer to help operate it.",
              "Our platform runs on a private OpenStack cloud of {h} hypervisors that our team of {n} builds and operates.",
              "You will join the team that operates the OpenStack IaaS our internal product teams build on.",
              "Our IaaS offering for the public sector is built on OpenStack, and it is growing fast."],
    duties=[["Operate, monitor and upgrade our OpenStack regions", "Troubleshoot Nova scheduling, Neutron networking and Cinder volume issues",
             "Automate deployments with Kolla-Ansible", "Take part in the on-call rotation"],
            ["Deploy and upgrade OpenStack services with OpenStack-Ansible", "Keep Keystone, Glance and Nova healthy and fast",
             "Plan capacity with the storage team", "Write runbooks and improve our alerting"],
            ["Run the day-to-day operations of our OpenStack cloud", "Onboard new hypervisors and racks",
             "Debug tenant networking in Neutron and OVN", "Support internal teams using the cloud"],
            ["Own upgrades of our OpenStack control plane", "Operate Octavia load balancers and Designate DNS for tenants",
             "Improve monitoring of RabbitMQ and Galera", "Handle incidents and write post-mortems"],
            ["Maintain our TripleO-deployed cloud and plan its migration to Kolla", "Manage Ironic bare-metal provisioning",
             "Tune Nova and Placement for our GPU flavors", "Automate everything you do twice"]],
    reqs=[["{y2}+ years of Linux systems administration", "Experience operating OpenStack in production",
           "Solid networking knowledge: VLAN, VXLAN, routing", "Automation with Ansible"],
          ["Hands-on experience with OpenStack or a comparable IaaS", "Strong Linux and KVM/libvirt knowledge",
           "Experience with Ceph or other distributed storage", "Comfort with on-call work"],
          ["Several years running production infrastructure", "Good understanding of OpenStack components (Nova, Neutron, Cinder, Keystone)",
           "Experience with configuration management", "Good English"]],
    python={"none": [[]], "listed": [["Scripting in Bash or Python"], ["Programming skills in Python, Go or Bash"],
                                      ["Some Python or Go for tooling"]]},
    nice=[["Upstream OpenStack contributions", "Ceph administration"], ["Experience with Kubernetes on OpenStack (Magnum or Cluster API)"],
          ["Terraform", "Prometheus and Grafana"], ["RHCE or RHCA certification"]],
)

ARCH["os_developer"] = dict(
    count=8, openstack="core",
    titles=["OpenStack Developer", "Software Engineer, OpenStack", "Python Developer (OpenStack)", "Senior Software Engineer - Neutron",
            "Cloud Software Engineer", "Software Engineer, Networking (Neutron)"],
    openings=["We build and support an OpenStack distribution used by telecom operators worldwide.",
              "Our public cloud is built on upstream OpenStack, and our engineers contribute back to it every week.",
              "We are looking for a developer to work on OpenStack services, upstream and in our product."],
    duties=[["Develop features and fix bugs in OpenStack services such as Nova, Neutron and Cinder", "Write Python code and unit tests that pass upstream review",
             "Backport fixes to our stable branches", "Work with our operations team on issues found in production"],
            ["Develop and maintain our Neutron plugins and drivers", "Contribute patches upstream through Gerrit",
             "Write Python libraries shared across our OpenStack services", "Review colleagues' code"]],
    reqs=[["Strong Python skills", "Experience with large open source codebases", "Linux and networking fundamentals"],
          ["Several years of professional Python development", "Understanding of virtualization (KVM, libvirt)", "Git and code review workflows"]],
    python={"core": [[]]},
    nice=[["Previous OpenStack upstream contributions"], ["Knowledge of Zuul, tox and the oslo libraries"], ["Go or C experience"]],
)

ARCH["os_support"] = dict(
    count=5, openstack="core",
    titles=["Technical Support Engineer, Private Cloud", "OpenStack Support Engineer", "Customer Support Engineer (Cloud Infrastructure)",
            "Escalation Engineer, OpenStack"],
    openings=["We provide 24/7 support for the OpenStack clouds of our enterprise customers.",
              "Our customers run their private clouds on our OpenStack distribution, and when something breaks they call us."],
    duties=[["Troubleshoot customer issues in Nova, Neutron, Cinder and Keystone", "Reproduce problems in lab environments",
             "Escalate bugs to engineering with a clear analysis", "Write knowledge base articles"],
            ["Be the technical point of contact for customers' OpenStack deployments", "Analyse logs, sosreports and configuration",
             "Guide customers through upgrades", "Improve our support tooling"]],
    reqs=[["{y2}+ years of Linux administration", "Hands-on experience with OpenStack", "Networking knowledge", "Excellent written English"]],
    python={"none": [[]], "listed": [["Scripting in Bash or Python"]]},
    nice=[["Experience with Ceph", "A second language"], ["RHCE"]],
)

ARCH["java_listing_os"] = dict(
    count=20, openstack="listed",
    titles=["Java Developer", "Senior Java Engineer", "Backend Engineer (Java)", "Java Software Engineer", "Lead Java Developer",
            "Software Engineer - Java/Spring", "Kotlin/Java Backend Developer"],
    openings=["We are looking for a Java developer to strengthen our backend team.",
              "Our order management platform is written in Java and Spring Boot and handles {n} thousand orders a day.",
              "You will build the services behind our customer portal together with {n} other engineers.",
              "We are a telecom software vendor and our products run on AWS, Azure and OpenStack clouds at our customers."],
    duties=[["Design and build Spring Boot microservices", "Write clean, tested Java code", "Take part in code reviews and architecture discussions",
             "Work with product owners on requirements"],
            ["Develop new features for our Java backend", "Improve performance and reliability of existing services",
             "Maintain our REST APIs", "Support operations when incidents happen"]],
    reqs=[["{y2}+ years of Java development", "Spring Boot and Hibernate", "SQL databases (PostgreSQL, Oracle)",
           "Experience with cloud platforms such as AWS, Azure or OpenStack"],
          ["Strong Java 11+ skills", "Messaging with Kafka or RabbitMQ", "Docker and Kubernetes",
           "Experience deploying to AWS, GCP, OpenStack or similar"],
          ["Solid Java and object-oriented design", "Microservices and REST", "CI/CD with Jenkins or GitLab",
           "Knowledge of virtualization and cloud technologies (VMware, OpenStack, AWS)"]],
    python={"none": [[]], "listed": [["Knowledge of a scripting language such as Python or Groovy"]]},
    nice=[["Kotlin", "Domain-driven design"], ["Telecom domain knowledge"], ["Experience with Python is a plus"], ["Angular or React"]],
    nice_python={"Experience with Python is a plus"},
)

ARCH["platform_listing_os"] = dict(
    count=25, openstack="listed",
    titles=["DevOps Engineer", "Senior DevOps Engineer", "Platform Engineer", "Site Reliability Engineer", "Cloud Engineer",
            "Infrastructure Engineer", "Kubernetes Engineer", "Cloud Architect", "DevOps Consultant", "Senior SRE"],
    openings=["We are looking for a DevOps engineer to help our product teams ship faster and more safely.",
              "Our platform team provides Kubernetes, CI/CD and observability to {n} engineering teams.",
              "You will help our customers automate their infrastructure across public and private clouds.",
              "We are moving our workloads to Kubernetes and need help building the platform."],
    duties=[["Build and run Kubernetes clusters", "Automate infrastructure with Terraform and Ansible",
             "Maintain CI/CD pipelines in GitLab", "Set up monitoring with Prometheus and Grafana"],
            ["Design and operate our multi-cloud infrastructure on AWS, Azure and OpenStack", "Improve deployment pipelines",
             "Drive SLOs and incident reviews", "Mentor developers on containers and cloud"],
            ["Operate our hybrid platform on AWS and on-premise", "Write Helm charts and operators",
             "Improve cost and capacity management", "Take part in on-call"]],
    reqs=[["{y2}+ years in DevOps or SRE roles", "Kubernetes, Docker and Helm",
           "Experience with at least one cloud provider: AWS, Azure, GCP or OpenStack", "Infrastructure as code with Terraform"],
          ["Strong Linux skills", "Experience with public and private clouds (AWS, GCP, OpenStack, VMware)",
           "CI/CD tooling", "Good communication skills"],
          ["Experience with Kubernetes in production", "Terraform or Pulumi", "Monitoring and logging stacks",
           "Understanding of networking and security"]],
    python={"none": [[]], "listed": [["Scripting in Python, Go or Bash"], ["Programming experience in Go, Python or Java"],
                                      ["Coding skills in one of Python, Ruby or Go"]]},
    nice=[["Experience with OpenStack is a plus"], ["Familiarity with OpenStack or other private clouds"],
          ["Service mesh (Istio, Linkerd)"], ["CKA certification"]],
)

ARCH["support_listing_os"] = dict(
    count=12, openstack="listed",
    titles=["Systems Administrator", "Linux Administrator", "IT Operations Engineer", "Technical Support Engineer",
            "Support Engineer (2nd Line)", "NOC Engineer", "Junior Systems Engineer"],
    openings=["Our IT team looks after the servers, networks and workplaces of {n} hundred employees.",
              "We sell monitoring software to hosting companies and support them when things go wrong.",
              "You will join our operations team and keep the systems of our customers running."],
    duties=[["Administer Linux and Windows servers", "Maintain our VMware cluster and backups", "Handle tickets and user requests",
             "Document systems and procedures"],
            ["Answer customer tickets by e-mail and phone", "Reproduce issues and report bugs to development",
             "Help customers integrate our product with their platforms (VMware, Proxmox, OpenStack)", "Write help articles"],
            ["Monitor systems and respond to alerts", "Patch servers and network devices", "Support the cloud team with routine tasks",
             "Keep the CMDB up to date"]],
    reqs=[["Training or degree in IT", "Good Linux knowledge", "Experience with virtualization (VMware, Hyper-V, KVM, OpenStack)",
           "Good German and English"],
          ["{y2}+ years in IT operations or support", "Networking basics (TCP/IP, DNS, DHCP)",
           "Familiarity with cloud platforms like AWS, Azure or OpenStack", "A calm head under pressure"]],
    python={"none": [[]], "listed": [["Basic scripting (Bash, PowerShell or Python)"], ["Some scripting in Python or Perl"]]},
    nice=[["ITIL Foundation"], ["Experience with OpenStack is an advantage"], ["Ansible"]],
)

ARCH["python_core"] = dict(
    count=30, python="core",
    titles=["Python Developer", "Senior Python Engineer", "Backend Engineer (Python)", "Django Developer", "Python Backend Developer",
            "Software Engineer (Python)", "Backend Engineer", "Flask Developer", "API Engineer (FastAPI)", "Lead Python Engineer",
            "Full Stack Developer (Django/React)", "Software Engineer, Backend", "Junior Python Developer"],
    openings=["Our product is built with Python and Django, and we are hiring a backend engineer to help it grow.",
              "You will build the Python services behind our mobile app.",
              "We are a small team building a SaaS product for dentists, all in Python.",
              "Our backend is a set of FastAPI services on PostgreSQL, and you will help us build them."],
    duties=[["Build and maintain our Django backend and REST APIs", "Write tests and review code", "Improve database performance",
             "Work with product and design on new features"],
            ["Develop Python services with FastAPI", "Design APIs and data models", "Own your features in production",
             "Help keep our Python codebase clean"],
            ["Write Python code every day for our data-heavy backend", "Build Celery jobs and integrations with partner APIs",
             "Take part in on-call", "Mentor junior engineers"],
            ["Build new features in our Flask application", "Refactor legacy Python 2 code to Python 3",
             "Write documentation", "Help shape our architecture"]],
    reqs=[["{y2}+ years of professional Python development", "Experience with Django or Flask", "SQL and PostgreSQL", "Git"],
          ["Strong Python", "Experience building REST APIs", "Testing with pytest", "Docker"],
          ["Solid experience with Python web frameworks (Django, FastAPI)", "Relational databases", "Good English"]],
    openstack={"none": [[]] * 5, "listed": [["We deploy to AWS and OpenStack with Terraform"]]},
    nice=[["TypeScript and React", "AWS"], ["Experience with Kubernetes"], ["Experience in healthcare software"], ["Go or Rust"]],
)

ARCH["python_listed"] = dict(
    count=35, python="listed",
    titles=["Data Engineer", "QA Automation Engineer", "DevOps Engineer", "Software Engineer", "Java Developer",
            "Senior Go Developer", "Data Analyst", "Backend Engineer (Go)", "Test Engineer", "Site Reliability Engineer",
            "Frontend Engineer", "Security Engineer", "Analytics Engineer", "Network Automation Engineer"],
    openings=["We are growing our engineering team and are looking for an experienced engineer.",
              "You will join a cross-functional team that owns our checkout experience.",
              "Our data platform serves analysts and data scientists across the company.",
              "We build tools that help hospitals schedule their staff."],
    duties=[["Build and maintain data pipelines with Spark and Airflow", "Model data in Snowflake", "Work with analysts on new datasets",
             "Monitor data quality"],
            ["Write automated tests for web and API", "Maintain our CI pipelines", "Work with developers on test strategy",
             "Report and track bugs"],
            ["Build backend services in Go", "Design APIs and data models", "Operate what you build", "Review code"],
            ["Build user interfaces in TypeScript and React", "Work with designers", "Improve performance and accessibility",
             "Write tests"],
            ["Automate network configuration", "Build integrations with vendor APIs", "Maintain our source of truth in Netbox",
             "Support network engineers"]],
    reqs=[["{y2}+ years of software development", "Experience with one of Python, Java, Go or Scala", "SQL", "Cloud experience (AWS or GCP)"],
          ["Programming skills in Java, Python or JavaScript", "Test automation frameworks (Selenium, Playwright, Cypress)", "REST APIs"],
          ["Strong Go", "Distributed systems", "Familiarity with Python for scripting"],
          ["Strong TypeScript and React", "CSS", "Some backend knowledge (Node.js, Python or Ruby)"],
          ["Scripting in Python or Bash", "Networking (BGP, OSPF)", "Ansible"]],
    openstack={"none": [[]] * 6, "listed": [["Experience with AWS, Azure or OpenStack"]]},
    nice=[["Python is a plus"], ["Kafka", "dbt"], ["Experience with Rust"], ["Knowledge of Django is nice to have"]],
)

ARCH["other"] = dict(
    count=15,
    titles=["Frontend Developer", "iOS Developer", "Product Designer", "Java Developer", "Android Engineer", "Engineering Manager",
            "Data Analyst", "Sales Engineer", "Technical Writer", "Go Engineer"],
    openings=["We are hiring to grow our product team.", "Our app helps people plan their week, and it is loved by its users.",
              "Customers expect swift answers, so we invest in our internal tools.", "Our office in Halifax, Nova Scotia is growing."],
    duties=[["Build user interfaces in React", "Work with designers", "Write tests"],
            ["Build our iOS app in Swift and SwiftUI", "Work on accessibility", "Ship every two weeks"],
            ["Write documentation for our APIs", "Work with engineers and product managers", "Improve our docs site"],
            ["Build a heat map of customer activity for the product team", "Write SQL and dashboards in Looker", "Present findings"]],
    reqs=[["{y2}+ years of experience", "Good communication skills", "A portfolio or examples of your work"],
          ["Experience with Kotlin or Swift", "Mobile CI", "Testing"]],
    nice=[["Experience in a start-up"], ["Figma"]],
)


def fill(s, rnd):
    return (s.replace("{c}", rnd.choice(COMPANIES)).replace("{y}", str(rnd.randint(1995, 2020)))
            .replace("{n}", str(rnd.randint(3, 60))).replace("{h}", str(rnd.randint(80, 2000)))
            .replace("{y2}", str(rnd.randint(2, 8))).replace("{d}", str(rnd.randint(24, 30)))
            .replace("{w}", str(rnd.randint(12, 20))))


def layout(sections, rnd):
    """Lays the sections out as a board might: flattened HTML, lines with
    bullets, or prose with colons."""
    style = rnd.choice(["flat", "lines", "prose"])
    bullet = rnd.choice(["- ", "• ", "* ", ""])
    out = []
    for heading, items, kind in sections:
        if kind == "intro":
            out.append(items[0])
            continue
        if style == "flat":
            out.append(heading + " " + " ".join(items))
        elif style == "lines":
            out.append(heading + "\n" + "\n".join(bullet + i for i in items))
        else:
            out.append(heading + ": " + "; ".join(i[0].lower() + i[1:] for i in items) + ".")
    sep = {"flat": " ", "lines": "\n\n", "prose": " "}[style]
    return sep.join(out)


def compose(name, arch, i):
    title = rnd.choice(arch["titles"])
    levels = {"openstack": arch.get("openstack") if isinstance(arch.get("openstack"), str) else None,
              "python": arch.get("python") if isinstance(arch.get("python"), str) else None}
    extra_reqs = []
    for tech in ("openstack", "python"):
        spec = arch.get(tech)
        if isinstance(spec, dict):
            choices = [(lvl, parts) for lvl, options in spec.items() for parts in options]
            lvl, parts = rnd.choice(choices)
            if levels[tech] is None:
                levels[tech] = lvl
            extra_reqs += parts
        elif spec is None:
            levels[tech] = "none"
    intro = fill(rnd.choice(INTROS), rnd)
    opening = fill(rnd.choice(arch["openings"]), rnd)
    duties = [fill(d, rnd) for d in rnd.choice(arch["duties"])]
    reqs = [fill(r, rnd) for r in rnd.choice(arch["reqs"])] + extra_reqs
    nice = rnd.choice(arch["nice"])
    if set(nice) & arch.get("nice_python", set()) and levels["python"] == "none":
        levels["python"] = "listed"
    benefits = [fill(b, rnd) for b in rnd.choice(BENEFITS)]
    sections = []
    if intro:
        sections.append(("", [intro + " " + opening], "intro"))
    else:
        sections.append(("", [opening], "intro"))
    sections.append((rnd.choice(HEADINGS["duties"]), duties, "duties"))
    sections.append((rnd.choice(HEADINGS["reqs"]), reqs, "reqs"))
    if rnd.random() < 0.8:
        sections.append((rnd.choice(HEADINGS["nice"]), nice, "nice"))
    elif "Python" in " ".join(nice) and levels["python"] == "listed" and not any("Python" in r for r in reqs):
        levels["python"] = "none"
    sections.append((rnd.choice(HEADINGS["benefits"]), benefits, "benefits"))
    text = layout(sections, rnd)
    # The levels must agree with the text: a level comes only with a mention.
    low = (title + " " + text).lower()
    if "openstack" not in low and levels["openstack"] != "none":
        levels["openstack"] = "none"
    if not any(w in low for w in ("python", "django", "flask", "fastapi")):
        levels["python"] = "none"
    elif levels["python"] == "none":
        levels["python"] = "listed"
    return "=== c-%s-%02d\nopenstack: %s\npython: %s\ntitle: %s\n---\n%s\n" % (
        name, i, levels["openstack"], levels["python"], title, text)


for name, arch in ARCH.items():
    for i in range(arch["count"]):
        print(compose(name, arch, i + 1), end="")
