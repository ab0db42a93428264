// The live dashboard: reads the gateway's feed (/dashboard/feed, one snapshot a second) and keeps the last few
// minutes of it in charts. No build step, no CDN: echarts comes from its webjar.
(() => {
  'use strict';

  const KEEP_SECONDS = 120;
  const PALETTE = ['#3b7dd8', '#e8833a', '#2e9e5b', '#9b59b6', '#d64545', '#17a2b8', '#8c6d31', '#e377c2'];
  const SERVICE_COLORS = { 'content-service': '#3b7dd8', 'quiz-service': '#e8833a', 'search-service': '#2e9e5b' };
  const QUANTILE_LINES = { p50: 'solid', p95: 'dashed', p99: 'dotted' };

  // One time series chart: every series has a value (or null) at every time kept, so stacking lines up.
  class TimeChart {
    constructor(element, options) {
      this.chart = echarts.init(element);
      this.options = options;
      this.times = [];
      this.values = new Map(); // series name -> values, aligned with times
      this.styles = new Map();
    }

    push(time, pointsByName, styleOf) {
      this.times.push(time);
      for (const [name, value] of Object.entries(pointsByName)) {
        if (!this.values.has(name)) {
          this.values.set(name, new Array(this.times.length - 1).fill(null));
          this.styles.set(name, styleOf ? styleOf(name) : {});
        }
      }
      for (const [name, values] of this.values) {
        const value = pointsByName[name];
        values.push(value === undefined ? null : value);
      }
      const oldest = time - KEEP_SECONDS * 1000;
      while (this.times.length > 0 && this.times[0] < oldest) {
        this.times.shift();
        this.values.forEach(values => values.shift());
      }
      for (const [name, values] of this.values) {
        if (values.every(value => value === null)) {
          this.values.delete(name); // gone, and scrolled out of the window
          this.styles.delete(name);
        }
      }
      this.render();
    }

    render() {
      const names = [...this.values.keys()].sort();
      const series = names.map((name, index) => Object.assign({
        name,
        type: 'line',
        showSymbol: false,
        connectNulls: false,
        animation: false,
        color: PALETTE[index % PALETTE.length],
        data: this.values.get(name).map((value, i) => [this.times[i], value]),
      }, this.options.stack ? { stack: 'total', areaStyle: { opacity: 0.55 }, lineStyle: { width: 1 } } : {},
      this.styles.get(name)));
      const now = this.times[this.times.length - 1];
      this.chart.setOption({
        animation: false,
        grid: { left: 44, right: 12, top: this.options.legend ? 26 : 10, bottom: 22 },
        legend: {
          show: !!this.options.legend,
          type: 'scroll',
          top: 0,
          right: 0,
          textStyle: { fontSize: 11 },
          itemHeight: 8,
          formatter: this.options.legendName || (name => name),
        },
        tooltip: { trigger: 'axis', valueFormatter: this.options.format },
        // a fixed window that scrolls: the newest second is always at the right edge
        xAxis: {
          type: 'time',
          min: now - KEEP_SECONDS * 1000,
          max: now,
          splitNumber: 4,
          splitLine: { show: false },
          axisLabel: { fontSize: 10, hideOverlap: true, formatter: '{HH}:{mm}:{ss}' },
        },
        yAxis: Object.assign({ type: 'value', min: 0, axisLabel: { fontSize: 10 } }, this.options.yAxis),
        series,
      }, { replaceMerge: ['series'] });
    }
  }

  const charts = {
    rps: new Map(), // service -> TimeChart
    latency: null,
    errors: null,
    cache: null,
    lag: null,
  };

  function rpsChart(service) {
    if (!charts.rps.has(service)) {
      const holder = document.createElement('div');
      holder.className = 'chart';
      holder.id = 'rps-' + service;
      holder.dataset.service = service;
      const container = document.getElementById('rps');
      const after = [...container.children].find(child => child.dataset.service > service);
      container.insertBefore(holder, after || null);
      const chart = new TimeChart(holder, {
        stack: true,
        legend: true,
        legendName: name => name.startsWith(service + '-') ? '#' + name.slice(service.length + 1) : name,
        format: v => fixed(v, 1) + ' req/s',
      });
      chart.chart.setOption({ title: { text: service, left: 0, top: 0, textStyle: { fontSize: 12 } } });
      charts.rps.set(service, chart);
      charts.rps.forEach(other => other.chart.resize()); // the row's columns changed
    }
    return charts.rps.get(service);
  }

  function update(snapshot) {
    const time = Date.parse(snapshot.at);
    topology(snapshot.instances);

    for (const service of snapshot.services) {
      rpsChart(service.service).push(time, service.requestsPerSecond);
    }

    const latency = {};
    const errors = {};
    const cache = {};
    for (const service of snapshot.services) {
      for (const quantile of Object.keys(QUANTILE_LINES)) {
        latency[service.service + ' ' + quantile] = service.latencyMs ? service.latencyMs[quantile] : null;
      }
      errors[service.service + ' 5xx'] = service.serverErrorsPerSecond;
      if (service.cacheHitRatio !== null || charts.cache.values.has(service.service)) {
        cache[service.service] = service.cacheHitRatio === null ? null : service.cacheHitRatio * 100;
      }
    }
    errors['5xx'] = snapshot.gateway.serverErrorsPerSecond;
    errors['429'] = snapshot.gateway.rateLimitedPerSecond;
    charts.latency.push(time, latency, name => {
      const [service, quantile] = name.split(' ');
      const color = serviceColor(service);
      return { color, lineStyle: { type: QUANTILE_LINES[quantile], width: quantile === 'p50' ? 2 : 1.5 } };
    });
    charts.errors.push(time, errors, name => {
      if (name === '429') return { color: '#e0a21b', lineStyle: { width: 2 } };
      if (name === '5xx') return { color: '#d64545', lineStyle: { width: 2 } };
      return { color: serviceColor(name.split(' ')[0]), lineStyle: { type: 'dashed', width: 1 } };
    });
    charts.cache.push(time, cache, name => ({ color: serviceColor(name) }));

    lag(snapshot.lag);
    breakers(snapshot.breakers, snapshot.gateway);
    const status = document.getElementById('status');
    status.textContent = 'updated ' + new Date(time).toLocaleTimeString() + ' · every ' + snapshot.intervalSeconds + ' s';
    status.classList.remove('down');
  }

  function topology(instances) {
    const strip = document.getElementById('topology');
    const byService = new Map();
    for (const instance of instances) {
      if (!byService.has(instance.service)) byService.set(instance.service, []);
      byService.get(instance.service).push(instance);
    }
    strip.replaceChildren(...[...byService].map(([service, members]) => {
      const row = element('div', 'service-row');
      row.append(element('span', 'service', service));
      for (const instance of members) {
        const box = element('span', 'box', instance.name);
        box.dataset.instance = instance.name;
        box.dataset.ready = instance.ready;
        if (!instance.ready) box.classList.add('not-ready');
        if (!instance.scraped) box.classList.add('no-metrics');
        box.title = instance.id + ': ' + (instance.ready ? 'ready, gets traffic' : 'not ready: ' + instance.state)
          + (instance.scraped ? '' : ' (no metrics this second)');
        row.append(box);
      }
      return row;
    }));
  }

  function lag(partitions) {
    const analytics = partitions.filter(p => p.group === 'analytics');
    const categories = [...new Set(analytics.map(p => p.topic + ' ' + p.partition))];
    const ownerOf = new Map(analytics.map(p => [p.topic + ' ' + p.partition, p.owner]));
    const owners = [...new Set(analytics.map(p => p.owner))].sort();
    // one series per owner, stacked, so each partition's bar has its owner's colour and the legend says whose
    const series = owners.map((owner, index) => ({
      name: owner,
      type: 'bar',
      stack: 'lag',
      barMaxWidth: 56,
      color: PALETTE[index % PALETTE.length],
      data: categories.map(category => {
        const owned = analytics.find(p => p.owner === owner && p.topic + ' ' + p.partition === category);
        return owned ? owned.records : '-';
      }),
    }));
    charts.lag.setOption({
      animation: false,
      grid: { left: 44, right: 12, top: 26, bottom: 40 },
      legend: { top: 0, right: 0, textStyle: { fontSize: 11 }, itemHeight: 8 },
      tooltip: { trigger: 'axis', valueFormatter: v => v + ' records' },
      xAxis: {
        type: 'category',
        data: categories,
        axisLabel: { fontSize: 10, interval: 0, margin: 8, lineHeight: 13, formatter: category => 'partition ' + category.split(' ').pop() + '\n' + ownerOf.get(category) },
      },
      // at least 0..10, so a lag of 0 reads as "caught up" rather than an empty chart
      yAxis: { type: 'value', min: 0, max: extent => Math.max(10, extent.max), minInterval: 1, axisLabel: { fontSize: 10 } },
      series,
    }, { replaceMerge: ['series'] });

    const index = new Map();
    for (const p of partitions.filter(p => p.group === 'search-index')) {
      index.set(p.owner, (index.get(p.owner) || 0) + p.records);
    }
    document.getElementById('index-lag').textContent = index.size === 0 ? ''
      : 'Search index (content.topics, every instance reads all of it), records behind: '
        + [...index].sort().map(([owner, records]) => owner + ' ' + records).join(' · ');
  }

  function breakers(list, gateway) {
    document.getElementById('breakers').replaceChildren(...list.map(breaker => {
      const chip = element('div', 'breaker ' + breaker.state);
      chip.dataset.breaker = breaker.name;
      chip.append(element('span', '', breaker.name), element('span', '', breaker.state.toLowerCase().replace('_', '-')
        + (breaker.failureRate === null ? '' : ' · ' + fixed(breaker.failureRate, 0) + ' % failed')));
      return chip;
    }));
    const totals = document.getElementById('gateway');
    totals.replaceChildren(
      document.createTextNode(gateway.id + ': '),
      element('b', '', fixed(gateway.requestsPerSecond, 1)), document.createTextNode(' req/s, '),
      element('b', '', fixed(gateway.serverErrorsPerSecond, 1)), document.createTextNode(' 5xx/s, '),
      element('b', '', fixed(gateway.rateLimitedPerSecond, 1)), document.createTextNode(' 429/s'));
  }

  function swatch(label, color, line) {
    const item = element('span', '');
    const mark = element('i', '');
    mark.style.background = line === 'dashed'
      ? 'repeating-linear-gradient(90deg, ' + color + ' 0 4px, transparent 4px 7px)' : color;
    item.append(mark, document.createTextNode(label));
    return item;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function fixed(value, digits) {
    return value === null || value === undefined ? '–' : Number(value).toFixed(digits);
  }

  function serviceColor(service) {
    return SERVICE_COLORS[service] || '#66707c';
  }

  function start() {
    for (const key of document.querySelectorAll('[data-key="services"]')) {
      key.replaceChildren(...Object.entries(SERVICE_COLORS).map(([service, color]) => swatch(service, color)));
    }
    document.querySelector('[data-key="errors"]').replaceChildren(
      swatch('5xx', '#d64545'), swatch('429', '#e0a21b'),
      ...Object.entries(SERVICE_COLORS).map(([service, color]) => swatch(service + ' 5xx', color, 'dashed')));
    // log scale: p50 and p99 are often ten times apart, and a cold start's seconds must not flatten the rest
    charts.latency = new TimeChart(document.getElementById('latency'), {
      format: v => fixed(v, 1) + ' ms',
      yAxis: { type: 'log', min: undefined, logBase: 10 },
    });
    charts.errors = new TimeChart(document.getElementById('errors'), { format: v => fixed(v, 2) + ' /s' });
    charts.cache = new TimeChart(document.getElementById('cache'), {
      format: v => fixed(v, 1) + ' %',
      yAxis: { max: 100 },
    });
    charts.lag = echarts.init(document.getElementById('lag'));
    window.addEventListener('resize', () => {
      charts.rps.forEach(chart => chart.chart.resize());
      [charts.latency, charts.errors, charts.cache].forEach(chart => chart.chart.resize());
      charts.lag.resize();
    });

    // EventSource reconnects by itself (the feed asks for 2 s) when the gateway restarts
    const feed = new EventSource('/dashboard/feed');
    feed.addEventListener('snapshot', event => update(JSON.parse(event.data)));
    feed.addEventListener('error', () => {
      const status = document.getElementById('status');
      status.textContent = 'feed lost, reconnecting…';
      status.classList.add('down');
    });
  }

  document.addEventListener('DOMContentLoaded', start);
})();
